package io.agenthub.hub;

import io.agenthub.embedded.FreePorts;
import io.agenthub.testkit.api.HubApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local system as a user drives it: only HTTP to the API. An agent created over REST on the replayed real
 * candles goes from {@code creating} to {@code running}, trades, stops when asked, and disappears when deleted.
 */
class HubApiEndToEndIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldRunStopAndDeleteAgentWhenUserDrivesTheHubThroughRest() {
        int apiPort = FreePorts.next();
        try (ConfigurableApplicationContext hub = ReplayHub.start(dataDir, apiPort, Map.of())) {
            HubApiClient user = new HubApiClient("http://127.0.0.1:" + apiPort).register("trader");
            assertThat(user.get("/api/strategies").json().size()).isEqualTo(26);

            Instant posted = Instant.now();
            HubApiClient.Response created = user.post("/api/agents", Map.of(
                    "symbol", "BTC/USDT",
                    "strategy_name", "z_score",
                    "interval_seconds", 1,
                    "risk_params", Map.of("max_position_usd", 1000, "stop_loss_pct", 1, "take_profit_pct", 1, "leverage", 2)));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.field("status")).isEqualTo("creating");
            String id = created.field("id");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> "running".equals(user.get("/api/agents/" + id).field("status")));
            Duration toRunning = Duration.between(posted, Instant.now());
            System.out.printf("POST /api/agents -> running in %d ms%n", toRunning.toMillis());

            // a second agent lets the planner choose its strategy: the supervisor answers, the audit trail shows why
            String planned = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal", "interval_seconds", 1,
                    "planner", Map.of("enabled", true, "every_n_bars", 20))).field("id");
            await().atMost(Duration.ofSeconds(60)).until(() -> !user.get("/api/agents/" + planned + "/decisions").json().path("items").isEmpty());
            JsonNode decision = user.get("/api/agents/" + planned + "/decisions").json().path("items").get(0);
            assertThat(decision.path("kind").asString()).isEqualTo("planning");
            assertThat(decision.path("provider").asString()).isEqualTo("rules");
            assertThat(decision.path("decision").asString()).startsWith("plan ");
            await().atMost(Duration.ofSeconds(30)).until(() -> "planner".equals(user.get("/api/agents/" + planned + "/plan").field("source")));

            // it trades on the paper venue, and the API shows its fills, positions, P&L and log
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> user.get("/api/agents/" + id + "/trades").json().path("items").size() >= 2);
            JsonNode trade = user.get("/api/agents/" + id + "/trades").json().path("items").get(0);
            assertThat(trade.path("venue").asString()).isEqualTo("paper");
            assertThat(trade.path("client_order_id").asString()).startsWith(id + "-");
            assertThat(trade.path("price").decimalValue()).isPositive();
            await().atMost(Duration.ofSeconds(30)).until(() -> !user.get("/api/agents/" + id + "/pnl").json().path("series").isEmpty());
            JsonNode positions = user.get("/api/agents/" + id + "/positions").json();
            assertThat(positions.path("current").isNull() && positions.path("closed").isEmpty()).as(positions.toString()).isFalse();
            HubApiClient.Response log = user.get("/api/agents/" + id + "/logs?level=init,start,action&limit=500");
            assertThat(log.json().path("items").findValuesAsString("level")).contains("init", "start", "action");

            assertThat(user.post("/api/agents/" + id + "/stop", null).field("desired_state")).isEqualTo("stopped");
            await().atMost(Duration.ofSeconds(30)).until(() -> "stopped".equals(user.get("/api/agents/" + id).field("status")));
            assertThat(user.post("/api/agents/" + id + "/start", null).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(user.get("/api/agents/" + id).field("status")));

            // the kill switch: stopped, and no position left open on the paper venue
            assertThat(user.post("/api/agents/kill-all", Map.of("confirm", "KILL_ALL")).json().path("stopped").asInt()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> "stopped".equals(user.get("/api/agents/" + id).field("status")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(user.get("/api/agents/" + id + "/positions").json()
                    .path("current").isNull()).as("no open position; the agent's last words: %s",
                    user.get("/api/agents/" + id + "/logs?level=stop,action,sl_tp,warn,error&limit=6").json().path("items")
                            .findValuesAsString("message")).isTrue());

            assertThat(user.delete("/api/agents/" + id).status()).isEqualTo(204);
            assertThat(user.get("/api/agents/" + id).status()).isEqualTo(404);
            assertThat(user.delete("/api/agents/" + planned).status()).isEqualTo(204);
            assertThat(user.get("/api/agents").json().path("items")).isEmpty();
        }
    }
}
