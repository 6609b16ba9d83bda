package io.agenthub.api;

import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.events.LogLevel;
import io.agenthub.testkit.api.HubApiClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
}
