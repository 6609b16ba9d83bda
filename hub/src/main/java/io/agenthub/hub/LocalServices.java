package io.agenthub.hub;

import io.agenthub.embedded.LocalCluster;
import io.agenthub.gateway.app.ExecutionGatewayApplication;
import io.agenthub.ingest.MarketDataIngest;
import io.agenthub.processor.app.AgentProcessor;
import io.agenthub.processor.app.AgentProcessorApplication;
import io.agenthub.ingest.MarketDataIngestApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
            running.add(start(ExecutionGatewayApplication.class, inherited(hubEnvironment, "agenthub.gateway."),
                    connection(cluster, "agenthub.gateway.")));
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

    private static ConfigurableApplicationContext start(Class<?> application, Map<String, Object> defaults,
                                                        Map<String, Object> forced) {
        String[] args = forced.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties(defaults)
                .run(args);
    }

    MarketDataIngest marketDataIngest() {
        return running.getFirst().getBean(MarketDataIngest.class);
    }

    AgentProcessor agentProcessor() {
        return running.get(1).getBean(AgentProcessor.class);
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }
}
