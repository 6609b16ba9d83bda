package io.agenthub.api;

import io.agenthub.api.app.ApiApplication;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.api.HubApiClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** The API started on a test's namespace of the shared cluster: its own database, topics, slot and a free port. */
final class RunningApi implements AutoCloseable {

    final TestCluster cluster;
    final ConfigurableApplicationContext context;
    final String baseUrl;

    RunningApi(TestCluster cluster, Map<String, Object> overrides) {
        this.cluster = cluster;
        cluster.topics();
        String slot = (cluster.namespace() + "_outbox").toLowerCase().replaceAll("[^a-z0-9_]", "_");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server.port", 0);
        settings.put("spring.datasource.url", cluster.newDatabase("api"));
        settings.put("agenthub.api.kafka.bootstrap-servers", cluster.bootstrapServers());
        settings.put("agenthub.api.kafka.topic-prefix", cluster.topics().prefix());
        settings.put("agenthub.api.kafka.group-id", cluster.applicationId("api"));
        settings.put("agenthub.api.outbox.slot", slot);
        settings.put("agenthub.api.outbox.publication", slot);
        settings.put("agenthub.api.outbox.drop-slot-on-stop", true);
        settings.putAll(overrides);
        // as arguments: they must win over the application's own defaults file
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        this.context = new SpringApplicationBuilder(ApiApplication.class).run(args);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    RunningApi(TestCluster cluster) {
        this(cluster, Map.of());
    }

    HubApiClient client() {
        return new HubApiClient(baseUrl);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
