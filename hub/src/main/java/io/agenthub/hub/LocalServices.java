package io.agenthub.hub;

import io.agenthub.api.app.ApiApplication;
import io.agenthub.embedded.LocalCluster;
import io.agenthub.embedded.LocalPostgres;
import io.agenthub.gateway.app.ExecutionGatewayApplication;
import io.agenthub.ingest.MarketDataIngest;
import io.agenthub.processor.app.AgentProcessor;
import io.agenthub.processor.app.AgentProcessorApplication;
import io.agenthub.ingest.MarketDataIngestApplication;
import io.agenthub.supervisor.app.LlmSupervisorApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts every service that exists so far as its own Spring application in this JVM, each pointed at the local
 * cluster, and stops them in reverse order. The services are the same applications that run in their own container
 * in the cluster deployment; only their connection settings differ.
 */
final class LocalServices implements AutoCloseable {

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    LocalServices(LocalCluster cluster, HubProperties hub, ConfigurableEnvironment hubEnvironment) {
        try {
            running.add(start(MarketDataIngestApplication.class, inherited(hubEnvironment, "agenthub.ingest."),
                    ingestConnection(cluster, hub)));
            running.add(start(AgentProcessorApplication.class, inherited(hubEnvironment, "agenthub.processor."),
                    connection(cluster, "agenthub.processor.")));
            String masterKeys = secretsMasterKeys(cluster, hubEnvironment);
            running.add(start(ExecutionGatewayApplication.class, inherited(hubEnvironment, "agenthub.gateway."),
                    gatewayConnection(cluster, hub, masterKeys)));
            Map<String, Object> apiSettings = inherited(hubEnvironment, "agenthub.api.");
            running.add(startApi(apiSettings, apiConnection(cluster, hub, masterKeys)));
            running.add(start(LlmSupervisorApplication.class, inherited(hubEnvironment, "agenthub.supervisor."),
                    supervisorConnection(cluster, hub, masterKeys)));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A service's settings given to the hub ({@code --agenthub.ingest.feed=synthetic}, test properties, ...) become
     * the service's defaults; its environment variables apply to it directly, as they would in its own process.
     */
    static Map<String, Object> inherited(ConfigurableEnvironment environment, String prefix) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(prefix)) {
                        settings.putIfAbsent(name, environment.getProperty(name));
                    }
                }
            }
        }
        return settings;
    }

    /** Where the local cluster is: these always win, so a service cannot be pointed elsewhere by accident. */
    static Map<String, Object> ingestConnection(LocalCluster cluster, HubProperties hub) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("agenthub.ingest.kafka.bootstrap-servers", cluster.bootstrapServers());
        props.put("agenthub.ingest.kafka.state-dir", cluster.streamsStateDir().toString());
        props.put("agenthub.ingest.bars.timeframes", String.join(",", hub.barTimeframes()));
        return props;
    }

    /** A Kafka Streams service's connection to the local cluster, under its settings prefix. */
    static Map<String, Object> connection(LocalCluster cluster, String prefix) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(prefix + "kafka.bootstrap-servers", cluster.bootstrapServers());
        props.put(prefix + "kafka.state-dir", cluster.streamsStateDir().toString());
        return props;
    }

    /** The API's database, Kafka and port in the local cluster; its token key is kept in the data directory. */
    static Map<String, Object> apiConnection(LocalCluster cluster, HubProperties hub, String masterKeys) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", cluster.postgres().jdbcUrl(hub.database()));
        props.put("spring.datasource.username", LocalPostgres.USER);
        props.put("agenthub.api.kafka.bootstrap-servers", cluster.bootstrapServers());
        props.put("server.port", hub.apiPort());
        props.put("management.server.port", hub.managementPort());
        props.put("agenthub.api.auth.jwt-secret", HubKeys.accessTokenKey(cluster.dataDir()));
        props.put("agenthub.api.secrets.master-keys", masterKeys);
        return props;
    }

    /** The gateway reads owners' and agents' HashKey keys from the API's secret store, with the API's master keys. */
    static Map<String, Object> gatewayConnection(LocalCluster cluster, HubProperties hub, String masterKeys) {
        Map<String, Object> props = connection(cluster, "agenthub.gateway.");
        props.put("agenthub.gateway.live.secrets.jdbc-url", cluster.postgres().jdbcUrl(hub.database()));
        props.put("agenthub.gateway.live.secrets.username", LocalPostgres.USER);
        props.put("agenthub.gateway.live.secrets.master-keys", masterKeys);
        return props;
    }

    /** The supervisor reads users' and agents' own LLM keys from the API's secret store, with the API's master keys. */
    static Map<String, Object> supervisorConnection(LocalCluster cluster, HubProperties hub, String masterKeys) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("agenthub.supervisor.kafka.bootstrap-servers", cluster.bootstrapServers());
        props.put("agenthub.supervisor.secrets.jdbc-url", cluster.postgres().jdbcUrl(hub.database()));
        props.put("agenthub.supervisor.secrets.username", LocalPostgres.USER);
        props.put("agenthub.supervisor.secrets.master-keys", masterKeys);
        return props;
    }

    /**
     * The master keys that seal stored secrets: the operator's ({@code agenthub.api.secrets.master-keys}, to rotate:
     * the new key first, then the old), else a key kept in the data directory.
     */
    static String secretsMasterKeys(LocalCluster cluster, ConfigurableEnvironment environment) {
        String given = environment.getProperty("agenthub.api.secrets.master-keys");
        return given != null && !given.isBlank() ? given : HubKeys.secretsMasterKey(cluster.dataDir());
    }

    /**
     * Auto-configurations that only the API wants. All services share this JVM's class path here, so the others are
     * told to leave the API's libraries alone, as they would in a process of their own.
     */
    static final String API_ONLY = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration");

    private static ConfigurableApplicationContext start(Class<?> application, Map<String, Object> defaults,
                                                        Map<String, Object> forced) {
        Map<String, Object> settings = new LinkedHashMap<>(forced);
        settings.put("spring.autoconfigure.exclude", API_ONLY);
        return builder(application, defaults).web(WebApplicationType.NONE).run(arguments(settings));
    }

    private static ConfigurableApplicationContext startApi(Map<String, Object> defaults, Map<String, Object> forced) {
        return builder(ApiApplication.class, defaults).web(WebApplicationType.SERVLET).run(arguments(forced));
    }

    private static SpringApplicationBuilder builder(Class<?> application, Map<String, Object> defaults) {
        return new SpringApplicationBuilder(application)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties(defaults);
    }

    /** As command-line arguments: they win over everything, including an application's own defaults file. */
    private static String[] arguments(Map<String, Object> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    MarketDataIngest marketDataIngest() {
        return running.getFirst().getBean(MarketDataIngest.class);
    }

    AgentProcessor agentProcessor() {
        return running.get(1).getBean(AgentProcessor.class);
    }

    /** Where the API listens, e.g. {@code http://127.0.0.1:9000}. */
    String apiUrl() {
        ConfigurableApplicationContext api = running.get(3);
        int port = ((WebServerApplicationContext) api).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }
}
