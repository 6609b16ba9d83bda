package io.agenthub.api;

import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.events.DecisionRecord;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.PositionEventKind;
import io.agenthub.schemas.events.PositionSide;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.events.LogLevel;
import io.agenthub.testkit.api.HubApiClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An agent's log as the API serves it from {@code agents.logs}: filtered, windowed, paged, each line once. */
class HistoryIT extends ApiIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void shouldFilterPageAndDeduplicateLogWhenAgentLogged() throws Exception {
        HubApiClient dave = api.client().register("dave");
        String id = dave.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal")).field("id");
        List<AgentLogEntry> entries = new ArrayList<>();
        LogLevel[] levels = {LogLevel.INIT, LogLevel.START, LogLevel.TICK, LogLevel.ACTION, LogLevel.TICK, LogLevel.SL_TP, LogLevel.STOP};
        for (int i = 0; i < levels.length; i++) {
            entries.add(AgentLogEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setEventTime(T0.plusSeconds(i))
                    .setCausationId(null).setAgentId(id).setLevel(levels[i]).setMessage("line " + i).setFields(Map.of("i", Integer.toString(i)))
                    .build());
        }
        try (KafkaProducer<String, AgentLogEntry> producer = cluster.producer(topics.agentsLogs())) {
            for (AgentLogEntry entry : entries) {
                producer.send(new ProducerRecord<>(topics.agentsLogs().name(), id, entry)).get();
            }
            producer.send(new ProducerRecord<>(topics.agentsLogs().name(), id, entries.get(3))).get(); // redelivered
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> dave.get("/api/agents/" + id + "/logs").json().path("items").size() == 7);

        JsonNode all = dave.get("/api/agents/" + id + "/logs").json().path("items");
        assertThat(all.findValuesAsString("message")).containsExactly("line 6", "line 5", "line 4", "line 3", "line 2", "line 1", "line 0");
        assertThat(all.get(3).path("level").asString()).isEqualTo("action");
        assertThat(all.get(3).path("fields").path("i").asString()).isEqualTo("3");

        assertThat(dave.get("/api/agents/" + id + "/logs?level=tick").json().path("items").findValuesAsString("message"))
                .containsExactly("line 4", "line 2");
        assertThat(dave.get("/api/agents/" + id + "/logs?level=action,sl_tp").json().path("items").findValuesAsString("message"))
                .containsExactly("line 5", "line 3");
        assertThat(dave.get("/api/agents/" + id + "/logs?from=2026-11-29T10:00:02Z&to=2026-11-29T10:00:04Z").json().path("items")
                .findValuesAsString("message")).containsExactly("line 3", "line 2");

        HubApiClient.Response first = dave.get("/api/agents/" + id + "/logs?limit=4");
        assertThat(first.json().path("items").findValuesAsString("message")).containsExactly("line 6", "line 5", "line 4", "line 3");
        HubApiClient.Response second = dave.get("/api/agents/" + id + "/logs?limit=4&cursor=" + first.field("next_cursor"));
        assertThat(second.json().path("items").findValuesAsString("message")).containsExactly("line 2", "line 1", "line 0");
        assertThat(second.json().path("next_cursor").isNull()).isTrue();

        assertThat(dave.get("/api/agents/" + id + "/logs?level=loud").status()).isEqualTo(400);
        assertThat(dave.get("/api/agents/" + id + "/logs?from=yesterday").json().path("errors").get(0).path("field").asString()).isEqualTo("from");
        HubApiClient eve = api.client().register("eve");
        for (String route : List.of("logs", "trades", "positions", "pnl", "orders/refused")) {
            assertThat(eve.get("/api/agents/" + id + "/" + route).status()).as(route).isEqualTo(404);
        }
    }

    @Test
    void shouldServeTheAuditTrailAndTheLatestPlanWhenTheAdvisorDecided() throws Exception {
        HubApiClient olga = api.client().register("olga");
        String id = olga.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "planner", Map.of("enabled", true, "every_n_bars", 30))).field("id");
        try (KafkaProducer<String, DecisionRecord> decisions = cluster.producer(topics.agentsDecisions());
             KafkaProducer<String, StrategyPlan> plans = cluster.producer(topics.agentsPlans())) {
            for (int i = 1; i <= 3; i++) {
                DecisionRecord decision = DecisionRecord.newBuilder().setEventId("d" + i + "-" + id).setEventTime(T0.plusSeconds(i))
                        .setCausationId(null).setAgentId(id).setKind(i == 3 ? AdvisorKind.SUPERVISION : AdvisorKind.PLANNING)
                        .setProvider(i == 2 ? "rules" : "openai").setModel(i == 2 ? null : "gpt-test").setPromptDigest("sha256:" + i)
                        .setEvidence("backtests of 4 candidates").setReply("{...}").setReasoning("reason " + i).setDecision("decision " + i)
                        .setValidationNotes(i == 1 ? List.of("lookback clamped to 200") : List.of()).setLatencyMs(120L * i)
                        .setInputTokens(900).setOutputTokens(80).setFallback(i == 2).setFallbackReason(i == 2 ? "timeout after 10 s" : null)
                        .build();
                decisions.send(new ProducerRecord<>(topics.agentsDecisions().name(), id, decision)).get();
            }
            for (long sequence : new long[]{2, 1}) { // the older plan arrives last and must not win
                plans.send(new ProducerRecord<>(topics.agentsPlans().name(), id, StrategyPlan.newBuilder()
                        .setEventId("p" + sequence + "-" + id).setEventTime(T0.plusSeconds(sequence)).setCausationId(null).setAgentId(id)
                        .setRequestSequence(sequence).setStrategyName(sequence == 2 ? "z_score" : "ema_crossover").setLookback(40)
                        .setThreshold(Decimals.toWire(new BigDecimal("0.6"))).setMaxLossPct(Decimals.toWire(new BigDecimal("2")))
                        .setParams(Map.of("lookback", Decimals.toWire(new BigDecimal("40")))).setReasoning("ranging market")
                        .setProvider("openai").setModel("gpt-test").setFallback(false).setFallbackReason(null).setDecisionId("d1-" + id)
                        .build())).get();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> olga.get("/api/agents/" + id + "/decisions").json().path("items").size() == 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> olga.get("/api/agents/" + id + "/plan").json().path("plan").isObject());

        JsonNode trail = olga.get("/api/agents/" + id + "/decisions").json().path("items");
        assertThat(trail.findValuesAsString("decision")).containsExactly("decision 3", "decision 2", "decision 1");
        assertThat(trail.get(1).path("fallback").asBoolean()).isTrue();
        assertThat(trail.get(1).path("fallback_reason").asString()).isEqualTo("timeout after 10 s");
        assertThat(trail.get(2).path("validation_notes").get(0).asString()).isEqualTo("lookback clamped to 200");
        assertThat(trail.get(0).path("kind").asString()).isEqualTo("supervision");
        assertThat(olga.get("/api/agents/" + id + "/decisions?kind=planning").json().path("items")).hasSize(2);
        assertThat(olga.get("/api/agents/" + id + "/decisions?kind=vibes").status()).isEqualTo(400);

        JsonNode current = olga.get("/api/agents/" + id + "/plan").json();
        assertThat(current.path("source").asString()).isEqualTo("planner");
        assertThat(current.path("strategy_name").asString()).isEqualTo("z_score");
        assertThat(current.path("plan").path("request_sequence").asLong()).isEqualTo(2);
        assertThat(current.path("plan").path("threshold").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(current.path("stop_loss").isNull()).as("no open position").isTrue();
        assertThat(api.client().register("peeper").get("/api/agents/" + id + "/decisions").status()).isEqualTo(404);
    }

    @Test
    void shouldRankOptedInAgentsByReturnWhenTheyTraded() throws Exception {
        HubApiClient pat = api.client().register("pat");
        HubApiClient quinn = api.client().register("quinn");
        String winner = pat.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "z_score", "public_leaderboard", true)).field("id");
        String loser = quinn.post("/api/agents", Map.of("symbol", "ETH/USDT", "strategy_name", "rsi_signal")).field("id");
        String hidden = quinn.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal")).field("id");
        HubApiClient.Response optIn = quinn.patch("/api/agents/" + loser, Map.of("public_leaderboard", true));
        assertThat(optIn.json().path("changed").toString()).contains("public_leaderboard");
        assertThat(optIn.json().path("agent").path("revision").asLong()).as("the pipeline need not hear of it").isEqualTo(1);

        try (KafkaProducer<String, PositionEvent> producer = cluster.producer(topics.positionsEvents())) {
            producer.send(new ProducerRecord<>(topics.positionsEvents().name(), winner, closed(winner, "250"))).get();
            producer.send(new ProducerRecord<>(topics.positionsEvents().name(), loser, closed(loser, "-40"))).get();
            producer.send(new ProducerRecord<>(topics.positionsEvents().name(), hidden, closed(hidden, "900"))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.client().get("/api/leaderboard").json().findValuesAsString("agent_id")
                .containsAll(List.of(winner, loser)) && api.client().get("/api/leaderboard").json().get(0).path("closed_positions").asLong() == 1
                && api.client().get("/api/leaderboard").json().findValues("total_pnl").stream().anyMatch(v -> v.decimalValue().signum() < 0));

        JsonNode board = api.client().get("/api/leaderboard").json();
        List<String> ids = board.findValuesAsString("agent_id");
        assertThat(ids).doesNotContain(hidden);
        assertThat(ids.indexOf(winner)).isLessThan(ids.indexOf(loser));
        JsonNode first = board.get(ids.indexOf(winner));
        assertThat(first.path("return_pct").decimalValue()).as("250 realised less 1 of fees on 10,000").isEqualByComparingTo("2.49");
        assertThat(first.path("total_pnl").decimalValue()).isEqualByComparingTo("249");
        assertThat(first.path("wins").asLong()).isEqualTo(1);
        assertThat(board.toString()).doesNotContain(pat.userId()).doesNotContain("@example.com");
    }

    @Test
    void shouldShowTheMarkedPositionAndTotalNetOfFeesAndKeepTheHistoryReadableAfterDelete() throws Exception {
        HubApiClient rita = api.client().register("rita");
        String id = rita.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal")).field("id");
        try (KafkaProducer<String, PositionEvent> producer = cluster.producer(topics.positionsEvents())) {
            producer.send(new ProducerRecord<>(topics.positionsEvents().name(), id, open(id, PositionEventKind.OPENED, T0, "20000", "0"))).get();
            producer.send(new ProducerRecord<>(topics.positionsEvents().name(), id,
                    open(id, PositionEventKind.MARKED, T0.plusSeconds(60), "20500", "50"))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "MARKED".equals(
                rita.get("/api/agents/" + id + "/positions").json().path("current").path("kind").asString()));

        JsonNode current = rita.get("/api/agents/" + id + "/positions").json().path("current");
        assertThat(current.path("mark_price").decimalValue()).isEqualByComparingTo("20500");
        assertThat(current.path("unrealized_pnl").decimalValue()).isEqualByComparingTo("50");
        assertThat(current.path("total_pnl").decimalValue()).as("50 unrealised less 2 of fees").isEqualByComparingTo("48");
        JsonNode pnl = rita.get("/api/agents/" + id + "/pnl").json();
        assertThat(pnl.path("total_pnl").decimalValue()).isEqualByComparingTo("48");
        assertThat(pnl.path("fees").decimalValue()).isEqualByComparingTo("2");
        assertThat(pnl.path("series").findValues("pnl")).extracting(JsonNode::decimalValue).as("the entry's fee, then the mark")
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("-2"), new BigDecimal("48"));

        HubApiClient.Response refused = rita.delete("/api/agents/" + id);
        assertThat(refused.status()).as("it holds a position").isEqualTo(409);
        assertThat(refused.text()).contains("holds an open long position of 0.1 BTC/USDT").contains("?close_position=true");
        assertThat(rita.get("/api/agents/" + id).status()).as("still there").isEqualTo(200);
        assertThat(rita.delete("/api/agents/" + id + "?close_position=true").status()).isEqualTo(204);
        assertThat(rita.get("/api/agents/" + id).status()).as("the agent is gone").isEqualTo(404);
        for (String route : List.of("logs", "trades", "positions", "pnl", "orders/refused", "decisions")) {
            assertThat(rita.get("/api/agents/" + id + "/" + route).status()).as("its history stays: " + route).isEqualTo(200);
        }
        assertThat(rita.get("/api/agents/" + id + "/pnl").json().path("total_pnl").decimalValue()).isEqualByComparingTo("48");
        HubApiClient sam = api.client().register("sam");
        assertThat(sam.get("/api/agents/" + id + "/pnl").status()).as("another user's deleted agent").isEqualTo(404);
    }

    @Test
    void shouldKeepAClosedPositionClosedWhenAMarkSortsAfterItsClose() throws Exception {
        HubApiClient tess = api.client().register("tess");
        String id = tess.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal", "public_leaderboard", true)).field("id");
        // the closing fill's time can lie before the last mark's: the venue filled at a price from before that tick
        try (KafkaProducer<String, PositionEvent> producer = cluster.producer(topics.positionsEvents())) {
            producer.send(new ProducerRecord<>(topics.positionsEvents().name(), id, open(id, PositionEventKind.OPENED, T0, "20000", "0"))).get();
            producer.send(new ProducerRecord<>(topics.positionsEvents().name(), id,
                    PositionEvent.newBuilder(closed(id, "4")).setEventTime(T0.plusSeconds(60)).build())).get();
            producer.send(new ProducerRecord<>(topics.positionsEvents().name(), id,
                    open(id, PositionEventKind.MARKED, T0.plusSeconds(120), "20700", "70"))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> tess.get("/api/agents/" + id + "/pnl").json().path("closed_positions").asInt() == 1);

        JsonNode positions = tess.get("/api/agents/" + id + "/positions").json();
        assertThat(positions.path("current").isNull()).as(positions.toString()).isTrue();
        assertThat(positions.path("closed")).hasSize(1);
        JsonNode pnl = tess.get("/api/agents/" + id + "/pnl").json();
        assertThat(pnl.path("unrealized_pnl").decimalValue()).isEqualByComparingTo("0");
        assertThat(pnl.path("total_pnl").decimalValue()).as("4 realised less 1 of fees").isEqualByComparingTo("3");
        JsonNode entry = api.client().get("/api/leaderboard").json().findParents("agent_id").stream()
                .filter(e -> e.path("agent_id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(entry.path("total_pnl").decimalValue()).isEqualByComparingTo("3");
        assertThat(entry.path("closed_positions").asLong()).isEqualTo(1);
    }

    /** A long 0.1 BTC entered at 20,000 with a fee of 2, marked at {@code mark}. */
    private static PositionEvent open(String agentId, PositionEventKind kind, Instant time, String mark, String unrealized) {
        return PositionEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setEventTime(time).setCausationId(null)
                .setAgentId(agentId).setPositionId(agentId + "-p1").setSymbol("BTC/USDT").setKind(kind)
                .setSide(PositionSide.LONG).setQuantity(Decimals.toWire(new BigDecimal("0.1")))
                .setAverageEntryPrice(Decimals.toWire(new BigDecimal("20000"))).setMarkPrice(Decimals.toWire(new BigDecimal(mark)))
                .setRealizedPnl(Decimals.toWire(BigDecimal.ZERO)).setUnrealizedPnl(Decimals.toWire(new BigDecimal(unrealized)))
                .setFees(Decimals.toWire(new BigDecimal("2"))).setLeverage(1).setLiquidationPrice(null)
                .setStopLoss(Decimals.toWire(new BigDecimal("19600"))).setTakeProfit(Decimals.toWire(new BigDecimal("20800")))
                .setExitPrice(null).setCloseReason(null).build();
    }

    private static PositionEvent closed(String agentId, String pnl) {
        return PositionEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setEventTime(T0).setCausationId(null)
                .setAgentId(agentId).setPositionId(agentId + "-p1").setSymbol("BTC/USDT").setKind(PositionEventKind.CLOSED)
                .setSide(PositionSide.FLAT).setQuantity(Decimals.toWire(BigDecimal.ZERO)).setAverageEntryPrice(null).setMarkPrice(null)
                .setRealizedPnl(Decimals.toWire(new BigDecimal(pnl))).setUnrealizedPnl(Decimals.toWire(BigDecimal.ZERO))
                .setFees(Decimals.toWire(BigDecimal.ONE)).setLeverage(1).setLiquidationPrice(null).setStopLoss(null).setTakeProfit(null)
                .setExitPrice(Decimals.toWire(new BigDecimal("100"))).setCloseReason("signal").build();
    }
}
