package io.agenthub.hub;

import io.agenthub.embedded.FreePorts;
import io.agenthub.testkit.api.HubApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.agenthub.hub.Scripts.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The container-per-agent runtime against a real Docker engine (Debian's docker.io, installed and started by
 * {@code bin/docker-engine}, stopped afterwards) with the agent-processor image built here by
 * {@code bin/build-images}: an agent created over REST gets a container of its own, runs and trades in it, stops
 * (container kept), starts again, goes to {@code error} when its container is killed, and its container goes when it
 * is deleted. Where no engine can start, the test skips and says why; the rest of the suite covers the same
 * behaviour on the shared pool.
 */
class DockerRuntimeIT {

    private static boolean startedEngine;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void engineAndImage() throws Exception {
        startedEngine = !Scripts.engineAnswers();
        Scripts.Ran engine = Scripts.engineUp();
        Assumptions.assumeTrue(engine.status() == 0, "no Docker engine can start on this machine, so the container runtime is not "
                + "tested here (the shared pool covers the same behaviour): " + engine.output().strip());
        Scripts.Ran images = Scripts.run(Duration.ofMinutes(5), "bin/build-images", "--no-build", "agent-processor");
        assertThat(images.status()).as("bin/build-images: %s", images.output()).isZero();
        System.out.print(images.output());
    }

    @AfterAll
    static void stopEngine() throws Exception {
        if (startedEngine) {
            Scripts.engineDown();
        }
    }

    @Test
    void shouldGiveEachAgentItsOwnContainerAndFollowItsLifecycleWhenTheDockerRuntimeIsChosen() throws Exception {
        int apiPort = FreePorts.next();
        // another hub's agent container on the same engine: this hub's reconciliation at start must leave it alone
        String foreign = "agenthub-foreign-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        docker("create", "--name", foreign, "--label", "agenthub.managed=true", "--label", "agenthub.agent-id=" + java.util.UUID.randomUUID(),
                "--label", "agenthub.cluster=another-hub", "agenthub/agent-processor:latest");
        try (ConfigurableApplicationContext hub = ReplayHub.start(dataDir, apiPort, Map.of(
                "agenthub.api.runtime.kind", "docker",
                "agenthub.api.runtime.docker.stop-grace", "20s"))) {
            HubApiClient user = new HubApiClient("http://127.0.0.1:" + apiPort).register("container-trader");
            Instant posted = Instant.now();
            // the request's own secret overrides go to the services that use them, never into the agent's container
            String canary = "sk-header-canary-" + java.util.UUID.randomUUID();
            HubApiClient.Response created = user.withHeader("X-Secret-OPENAI_API_KEY", canary).withHeader("X-Secret-HASHKEY_SECRET", canary)
                    .post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "z_score",
                    "interval_seconds", 1,
                    "risk_params", Map.of("max_position_usd", 1000, "stop_loss_pct", 1, "take_profit_pct", 1, "leverage", 2)));
            user.withoutHeader("X-Secret-OPENAI_API_KEY").withoutHeader("X-Secret-HASHKEY_SECRET");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.field("id");
            String name = "agenthub-agent-" + id;

            await().atMost(Duration.ofSeconds(60)).until(() -> !docker("ps", "-aq", "--filter", "name=" + name).isEmpty());
            assertThat(docker("inspect", "-f", "{{index .Config.Labels \"agenthub.agent-id\"}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Memory}} {{.Config.User}}", name))
                    .isEqualTo(id + " true " + (768L << 20) + " 10001:10001");
            // least privilege: the processor gets Kafka and its agent's id, no secret (the gateway holds the exchange keys)
            List<String> environment = docker("inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", name).lines().toList();
            assertThat(environment).contains("AGENTHUB_PROCESSOR_DEDICATED_AGENT_ID=" + id)
                    .noneMatch(line -> line.contains("HASHKEY") || line.contains("SECRET") || line.contains("_KEY=") || line.contains("PASSWORD")
                            || line.contains(canary));
            assertThat(docker("inspect", name)).as("nor anywhere in the container's configuration").doesNotContain(canary);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "running".equals(user.get("/api/agents/" + id).field("status")));
            Duration toRunning = Duration.between(posted, Instant.now());

            // it trades from its container; the shared pool does not host it
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !user.get("/api/agents/" + id + "/trades").json().path("items").isEmpty());
            assertThat(docker("logs", name)).as("the container hosts it").contains("agent processor started: dedicated to agent " + id);
            String memory = docker("stats", "--no-stream", "--format", "{{.MemUsage}}", name);
            System.out.printf("docker runtime: POST /api/agents -> running in %d ms; agent container memory %s%n", toRunning.toMillis(), memory);
            await().atMost(Duration.ofSeconds(120)).until(() -> docker("inspect", "-f", "{{.State.Health.Status}}", name).equals("healthy"));

            // stop: the agent reports stopped, then its container stops and is kept
            user.post("/api/agents/" + id + "/stop", null);
            await().atMost(Duration.ofSeconds(60)).until(() -> "stopped".equals(user.get("/api/agents/" + id).field("status")));
            await().atMost(Duration.ofSeconds(60)).until(() -> docker("inspect", "-f", "{{.State.Status}}", name).equals("exited"));

            // start: the same container again
            user.post("/api/agents/" + id + "/start", null);
            await().atMost(Duration.ofSeconds(120)).until(() -> "running".equals(user.get("/api/agents/" + id).field("status")));
            assertThat(docker("inspect", "-f", "{{.State.Status}}", name)).isEqualTo("running");

            // a container killed from outside: the agent is in error, with the reason
            docker("update", "--restart=no", name);
            docker("kill", name);
            await().atMost(Duration.ofSeconds(60)).until(() -> "error".equals(user.get("/api/agents/" + id).field("status")));
            assertThat(user.get("/api/agents/" + id).field("status_reason")).contains("container exited with code 137");

            // delete: the container goes (the agent may hold a position: its owner then asks to close it)
            HubApiClient.Response deleted = user.delete("/api/agents/" + id);
            if (deleted.status() == 409) {
                assertThat(deleted.text()).contains("close_position=true");
                deleted = user.delete("/api/agents/" + id + "?close_position=true");
            }
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(60)).until(() -> docker("ps", "-aq", "--filter", "name=" + name).isEmpty());
            assertThat(docker("ps", "-aq", "--filter", "name=" + foreign)).as("another hub's container is not this hub's to remove").isNotEmpty();
        } finally {
            Scripts.run(Duration.ofSeconds(60), "docker", "rm", "-f", foreign);
        }
    }
}
