package io.agenthub.hub;

import io.agenthub.embedded.FreePorts;
import io.agenthub.testkit.api.HubApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
            assertThat(user.delete("/api/agents/" + planned + "?close_position=true").status()).as("whatever it still holds is closed first")
                    .isEqualTo(204);
            assertThat(user.get("/api/agents").json().path("items")).isEmpty();
        }
    }

    /**
     * What a trader sees of an agent, true from its first tick: the replay published a day of history when the hub
     * started, so an agent of one-minute bars is warm and decides at its first tick; its open position is marked to the
     * market as it moves; its P&L counts fees; the kill switch reports it stopped only after its closing fill; and its
     * history stays readable after it is deleted.
     */
    @Test
    void shouldDecideAtTheFirstTickAndShowTrueNumbersWhenATraderWatchesAnAgent() {
        int apiPort = FreePorts.next();
        try (ConfigurableApplicationContext hub = ReplayHub.start(dataDir, apiPort, Map.of())) {
            HubApiClient user = new HubApiClient("http://127.0.0.1:" + apiPort).register("watcher");
            String id = user.post("/api/agents", Map.of(
                    "symbol", "BTC/USDT",
                    "strategy_name", "ema_crossover",
                    "strategy_params", Map.of("threshold", 0.05),
                    "interval_seconds", 60,
                    "risk_params", Map.of("max_position_usd", 1000, "stop_loss_pct", 3, "take_profit_pct", 3, "leverage", 1))).field("id");
            await().atMost(Duration.ofSeconds(60)).until(() -> "running".equals(user.get("/api/agents/" + id).field("status")));

            // warm at its first tick: it decided on the stored bars then, not after 21 minutes of live ones
            await().atMost(Duration.ofSeconds(30)).until(() -> user.get("/api/agents/" + id + "/logs?level=tick").json().path("items").size() > 0);
            List<JsonNode> lines = new ArrayList<>();
            user.get("/api/agents/" + id + "/logs?level=init,tick&limit=1000").json().path("items").forEach(lines::add);
            lines.sort(Comparator.comparing(l -> Instant.parse(l.path("time").asString())));
            JsonNode warm = lines.stream().filter(l -> l.path("message").asString().startsWith("warmed up on ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no warm-up line in " + lines));
            JsonNode firstTick = lines.stream().filter(l -> l.path("level").asString().equals("tick")).findFirst().orElseThrow();
            assertThat(warm.path("time").asString()).as("decided at the first tick").isEqualTo(firstTick.path("time").asString());
            assertThat(Integer.parseInt(warm.path("fields").path("stored_bars").asString())).as(warm.toString()).isGreaterThanOrEqualTo(21);
            assertThat(firstTick.path("message").asString()).doesNotContain("warming up");
            assertThat(user.get("/api/agents/" + id).field("status_reason")).isNull();

            // an open position, marked to the market as it moves
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !user.get("/api/agents/" + id + "/positions").json().path("current").isNull());
            JsonNode first = user.get("/api/agents/" + id + "/positions").json().path("current");
            // an open position (this one or a later one) whose mark has moved from the first one seen
            JsonNode marked = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
                    () -> user.get("/api/agents/" + id + "/positions").json().path("current"),
                    now -> !now.isNull() && now.path("mark_price").decimalValue().compareTo(first.path("mark_price").decimalValue()) != 0);
            BigDecimal sign = marked.path("side").asString().equalsIgnoreCase("long") ? BigDecimal.ONE : BigDecimal.ONE.negate();
            BigDecimal expected = marked.path("mark_price").decimalValue().subtract(marked.path("average_entry_price").decimalValue())
                    .multiply(marked.path("quantity").decimalValue()).multiply(sign);
            assertThat(marked.path("unrealized_pnl").decimalValue()).as(marked.toString()).isCloseTo(expected, within(new BigDecimal("0.01")));

            // P&L after fees
            JsonNode pnl = user.get("/api/agents/" + id + "/pnl").json();
            assertThat(pnl.path("fees").decimalValue()).as(pnl.toString()).isPositive();
            assertThat(pnl.path("total_pnl").decimalValue()).isCloseTo(pnl.path("realized_pnl").decimalValue()
                    .add(pnl.path("unrealized_pnl").decimalValue()).subtract(pnl.path("fees").decimalValue()), within(new BigDecimal("0.000001")));

            // the kill switch: stopped once flat, not before its closing fill
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !user.get("/api/agents/" + id + "/positions").json().path("current").isNull());
            int tradesBefore = user.get("/api/agents/" + id + "/trades?limit=1000").json().path("items").size();
            assertThat(user.post("/api/agents/kill-all", Map.of("confirm", "KILL_ALL")).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> "stopped".equals(user.get("/api/agents/" + id).field("status")));
            Instant stoppedAt = Instant.parse(user.get("/api/agents/" + id).field("status_time"));
            await().atMost(Duration.ofSeconds(30)).until(() -> user.get("/api/agents/" + id + "/positions").json().path("current").isNull()
                    && user.get("/api/agents/" + id + "/trades?limit=1000").json().path("items").size() > tradesBefore);
            JsonNode closing = user.get("/api/agents/" + id + "/trades?limit=1").json().path("items").get(0);
            assertThat(Instant.parse(closing.path("time").asString())).as("the closing fill came before the stop was reported")
                    .isBeforeOrEqualTo(stoppedAt);

            // deleted, its history stays readable by its owner
            List<JsonNode> trades = new ArrayList<>();
            user.get("/api/agents/" + id + "/trades?limit=1000").json().path("items").forEach(trades::add);
            BigDecimal total = user.get("/api/agents/" + id + "/pnl").json().path("total_pnl").decimalValue();
            assertThat(user.delete("/api/agents/" + id).status()).isEqualTo(204);
            assertThat(user.get("/api/agents/" + id).status()).isEqualTo(404);
            HubApiClient.Response after = user.get("/api/agents/" + id + "/trades?limit=1000");
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.json().path("items").size()).isEqualTo(trades.size());
            assertThat(user.get("/api/agents/" + id + "/pnl").json().path("total_pnl").decimalValue()).isEqualByComparingTo(total);
        }
    }
}
