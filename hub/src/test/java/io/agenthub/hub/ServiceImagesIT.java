package io.agenthub.hub;

import io.agenthub.embedded.FreePorts;
import io.agenthub.embedded.LocalCluster;
import io.agenthub.embedded.LocalPostgres;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.TestCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.agenthub.hub.Scripts.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every service's image, built here by {@code bin/build-images} with no registry, started as its own container
 * (read-only root file system, non-root user) against a real Kafka and PostgreSQL, until Docker calls each healthy;
 * the API's container answers over HTTP. Prints each image's size and each container's memory. Where no Docker engine
 * can start, the test skips and says why.
 */
class ServiceImagesIT {

    private static final List<String> SERVICES = List.of("api", "market-data-ingest", "agent-processor", "execution-gateway", "llm-supervisor");

    @TempDir
    Path dataDir;

    @Test
    void shouldStartEveryServiceFromItsImageUntilHealthyWhenPointedAtARealKafkaAndPostgres() throws Exception {
        boolean startedEngine = !Scripts.engineAnswers();
        Scripts.Ran engine = Scripts.engineUp();
        Assumptions.assumeTrue(engine.status() == 0, "no Docker engine can start on this machine, so the images are not "
                + "tested here: " + engine.output().strip());
        List<String> started = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.builder().dataDir(dataDir).kafkaPort(FreePorts.next()).postgresPort(FreePorts.next())
                .provision(Topics.standard(), TestCluster.DEFAULT_BARS).start()) {
            Scripts.Ran images = Scripts.run(Duration.ofMinutes(10), "bin/build-images", "--no-build");
            assertThat(images.status()).as("bin/build-images: %s", images.output()).isZero();
            System.out.print(images.output());

            String kafka = cluster.bootstrapServers();
            int apiPort = FreePorts.next();
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Map<String, Map<String, String>> environments = new LinkedHashMap<>();
            environments.put("api", Map.of(
                    "SERVER_PORT", Integer.toString(apiPort),
                    "SPRING_DATASOURCE_URL", cluster.postgres().ensureDatabase("agenthub_images"),
                    "SPRING_DATASOURCE_USERNAME", LocalPostgres.USER,
                    "AGENTHUB_API_KAFKA_BOOTSTRAP_SERVERS", kafka,
                    "AGENTHUB_API_AUTH_JWT_SECRET", Base64.getEncoder().encodeToString(key),
                    "AGENTHUB_API_SECRETS_MASTER_KEYS", "k1:" + Base64.getEncoder().encodeToString(key)));
            environments.put("market-data-ingest", Map.of("AGENTHUB_INGEST_KAFKA_BOOTSTRAP_SERVERS", kafka, "AGENTHUB_INGEST_FEED", "synthetic"));
            environments.put("agent-processor", Map.of("AGENTHUB_PROCESSOR_KAFKA_BOOTSTRAP_SERVERS", kafka));
            environments.put("execution-gateway", Map.of("AGENTHUB_GATEWAY_KAFKA_BOOTSTRAP_SERVERS", kafka));
            environments.put("llm-supervisor", Map.of("AGENTHUB_SUPERVISOR_KAFKA_BOOTSTRAP_SERVERS", kafka));

            for (String service : SERVICES) {
                List<String> command = new ArrayList<>(List.of("run", "-d", "--name", "agenthub-image-test-" + service, "--network", "host",
                        "--read-only", "--tmpfs", "/tmp:rw,exec,nosuid,size=256m", "--memory", "768m"));
                environments.get(service).forEach((name, value) -> command.addAll(List.of("-e", name + "=" + value)));
                command.add("agenthub/" + service + ":latest");
                docker(command.toArray(String[]::new));
                started.add("agenthub-image-test-" + service);
            }
            for (String service : SERVICES) {
                String name = "agenthub-image-test-" + service;
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                        docker("inspect", "-f", "{{.State.Health.Status}}", name)).as("%s; its log: %s", service, tail(name)).isEqualTo("healthy"));
                assertThat(docker("inspect", "-f", "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}", name)).isEqualTo("10001:10001 true");
            }
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + apiPort + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            for (String service : SERVICES) {
                System.out.printf("image agenthub/%s: %s; container memory %s%n", service,
                        docker("image", "inspect", "-f", "{{.Size}}", "agenthub/" + service + ":latest"),
                        docker("stats", "--no-stream", "--format", "{{.MemUsage}}", "agenthub-image-test-" + service));
            }
        } finally {
            for (String name : started) {
                Scripts.run(Duration.ofSeconds(60), "docker", "rm", "-f", "-v", name);
            }
            if (startedEngine) {
                Scripts.engineDown();
            }
        }
    }

    private static String tail(String container) throws Exception {
        String log = Scripts.run(Duration.ofSeconds(30), "docker", "logs", "--tail", "30", container).output();
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
