package io.agenthub.hub;

import io.agenthub.embedded.FreePorts;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.events.LogLevel;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.api.HubApiClient;
import io.agenthub.testkit.llm.LlmPeer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The planner and supervisor in the local system, as users drive it over REST: a user who stored their own model
 * settings and key ({@code LLM_PROVIDER=anthropic}, {@code ANTHROPIC_API_KEY}) gets plans and supervision from that
 * model (a local peer speaking Anthropic's wire format, answering in 500 ms), asked for the model the agent chose
 * ({@code llm_model}, its {@code LLM_MODEL}); the processor applies the new stop and
 * take-profit and logs it at level {@code supervisor}; another user, with no key, is advised by the rules. Prints the
 * time from a supervision request to its applied adjustment, as seen by a committed-read consumer of both topics.
 */
class HubAdvisorEndToEndIT {

    private static final Pattern POSITION = Pattern.compile("Position: (LONG|SHORT) \\S+ at ([0-9.]+)");
    private static final Pattern LAST = Pattern.compile("last price ([0-9]+(?:\\.[0-9]+)?)");
    private static final String PLAN = "{\"strategy_name\":\"z_score\",\"lookback\":20,\"threshold\":0.5,\"max_loss_pct\":1,"
            + "\"reasoning\":\"ranging market: mean reversion\"}";

    /** Not the provider's default model: only the agent's LLM_MODEL can have chosen it. */
    private static final String MODEL = "claude-peer-model-7";

    @TempDir
    Path dataDir;

    /** A model that reads the position from the prompt and tightens: the stop 0.3 % behind, the target 2 % ahead. */
    static String answer(String prompt) {
        Matcher position = POSITION.matcher(prompt);
        Matcher last = LAST.matcher(prompt);
        if (!prompt.contains("You supervise") || !position.find() || !last.find()) {
            return PLAN;
        }
        boolean isLong = position.group(1).equals("LONG");
        BigDecimal entry = new BigDecimal(position.group(2));
        BigDecimal price = new BigDecimal(last.group(1));
        BigDecimal stop = isLong ? entry.min(price).multiply(new BigDecimal("0.997")) : entry.max(price).multiply(new BigDecimal("1.003"));
        BigDecimal target = isLong ? entry.max(price).multiply(new BigDecimal("1.02")) : entry.min(price).multiply(new BigDecimal("0.98"));
        return String.format(Locale.ROOT, "{\"action\":\"ADJUST_TP_SL\",\"stop_loss\":%s,\"take_profit\":%s,\"reasoning\":\"tighten behind the price\"}",
                stop.setScale(2, RoundingMode.HALF_EVEN).toPlainString(), target.setScale(2, RoundingMode.HALF_EVEN).toPlainString());
    }

    @Test
    void shouldPlanAndSuperviseWithTheUsersOwnModelAndApplyTheNewLevelsWhenTheyStoredTheirKey() throws Exception {
        int apiPort = FreePorts.next();
        int kafkaPort = FreePorts.next();
        try (LlmPeer peer = new LlmPeer();
             ConfigurableApplicationContext hub = ReplayHub.start(dataDir, apiPort, kafkaPort, Map.of(
                     "agenthub.supervisor.llm.provider", "none",
                     "agenthub.supervisor.llm.base-urls.anthropic", peer.baseUrl(LlmPeer.Wire.ANTHROPIC)));
             Latencies latencies = new Latencies("127.0.0.1:" + kafkaPort)) {
            peer.answer = HubAdvisorEndToEndIT::answer;
            peer.delayMillis = 500;
            String api = "http://127.0.0.1:" + apiPort;

            HubApiClient alice = new HubApiClient(api).register("alice");
            assertThat(alice.post("/api/secrets", Map.of("key_name", "LLM_PROVIDER", "value", "anthropic")).status()).isEqualTo(200);
            assertThat(alice.post("/api/secrets", Map.of("key_name", "ANTHROPIC_API_KEY", "value", LlmPeer.KEY)).status()).isEqualTo(200);
            HubApiClient bob = new HubApiClient(api).register("bob");

            HubApiClient.Response created = alice.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "z_score",
                    "interval_seconds", 1, "allow_short", true,
                    "risk_params", Map.of("max_position_usd", 1000, "stop_loss_pct", 1, "take_profit_pct", 2, "leverage", 2),
                    "planner", Map.of("enabled", true, "every_n_bars", 60),
                    "supervisor", Map.of("enabled", true, "every_n_ticks", 3),
                    // LLM_MODEL for this agent, as the seed's clients choose it: the model the provider is asked for
                    "llm_model", MODEL));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String supervised = created.field("id");
            String ruled = bob.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal", "interval_seconds", 1,
                    "planner", Map.of("enabled", true, "every_n_bars", 60))).field("id");

            // alice's own model plans ...
            await().atMost(Duration.ofSeconds(60)).until(() -> decisions(alice, supervised, "planning").stream()
                    .anyMatch(d -> d.path("provider").asString().equals("anthropic")));
            JsonNode plan = decisions(alice, supervised, "planning").stream().filter(d -> d.path("provider").asString().equals("anthropic"))
                    .findFirst().orElseThrow();
            assertThat(plan.path("fallback").asBoolean()).isFalse();
            assertThat(plan.path("reasoning").asString()).isEqualTo("ranging market: mean reversion");
            assertThat(plan.path("input_tokens").asInt()).isEqualTo(812);
            assertThat(plan.path("model").asString()).isEqualTo(MODEL);

            // ... and supervises her open position: the processor applies the levels and says so at level supervisor
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    logs(alice, supervised, "supervisor").stream().anyMatch(m -> m.contains("supervisor (anthropic) moved the stop")));
            JsonNode review = decisions(alice, supervised, "supervision").stream()
                    .filter(d -> d.path("provider").asString().equals("anthropic")).findFirst().orElseThrow();
            assertThat(review.path("decision").asString()).startsWith("adjust_tp_sl stop ");
            assertThat(review.path("latency_ms").asLong()).as("the model's 500 ms are in the decision's latency").isGreaterThanOrEqualTo(500);

            // bob stored no key and the operator chose no model: the rules decide, and that is no fallback
            await().atMost(Duration.ofSeconds(60)).until(() -> !decisions(bob, ruled, "planning").isEmpty());
            JsonNode ruledPlan = decisions(bob, ruled, "planning").getFirst();
            assertThat(ruledPlan.path("provider").asString()).isEqualTo("rules");
            assertThat(ruledPlan.path("fallback").asBoolean()).isFalse();
            assertThat(peer.requests).allSatisfy(r -> assertThat(r.wire()).isEqualTo(LlmPeer.Wire.ANTHROPIC))
                    .allSatisfy(r -> assertThat(r.body().path("model").asString()).as("LLM_MODEL reaches the provider").isEqualTo(MODEL));

            await().atMost(Duration.ofSeconds(60)).until(() -> latencies.applied.size() >= 3);
            List<Long> applied = latencies.applied.stream().sorted().toList();
            System.out.printf("supervision request -> applied adjustment (model answering in 500 ms): %d samples, median %d ms, max %d ms%n",
                    applied.size(), applied.get(applied.size() / 2), applied.getLast());
            assertThat(applied.getFirst()).as("no adjustment is applied before the model has answered").isGreaterThanOrEqualTo(500);
        }
    }

    private static List<JsonNode> decisions(HubApiClient user, String agent, String kind) {
        JsonNode items = user.get("/api/agents/" + agent + "/decisions?limit=200").json().path("items");
        return StreamSupport.stream(items.spliterator(), false).filter(d -> d.path("kind").asString().equals(kind)).toList();
    }

    private static List<String> logs(HubApiClient user, String agent, String level) {
        return user.get("/api/agents/" + agent + "/logs?level=" + level + "&limit=200").json().path("items").findValuesAsString("message");
    }

    /**
     * Reads {@code positions.events} and {@code agents.logs} as they are committed, and times each review (a mark asking
     * the supervisor) to the supervisor log line that applies its answer (the line names the decision, whose id derives
     * from the review's).
     */
    static final class Latencies implements AutoCloseable {
        final List<Long> applied = new CopyOnWriteArrayList<>();
        private final Map<String, Long> awaited = new ConcurrentHashMap<>();
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread reader;
        private volatile boolean running = true;

        Latencies(String bootstrapServers) {
            Topics topics = Topics.standard();
            Topic<String, PositionEvent> positions = topics.positionsEvents();
            Topic<String, AgentLogEntry> logs = topics.agentsLogs();
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(positions.name(), logs.name())) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            reader = Thread.ofPlatform().daemon().name("latencies").start(() -> {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        if (record.topic().equals(positions.name())) {
                            AdvisorRequest request = positions.valueSerde().deserializer().deserialize(record.topic(), record.value()).getReview();
                            if (request != null && request.getKind() == AdvisorKind.SUPERVISION) {
                                awaited.put(UUID.nameUUIDFromBytes(("decision:" + request.getEventId()).getBytes(StandardCharsets.UTF_8))
                                        .toString(), now);
                            }
                        } else {
                            AgentLogEntry entry = logs.valueSerde().deserializer().deserialize(record.topic(), record.value());
                            String decision = entry.getFields().get("decision_id");
                            Long asked = entry.getLevel() == LogLevel.SUPERVISOR && decision != null ? awaited.remove(decision) : null;
                            if (asked != null) {
                                applied.add(Duration.ofNanos(now - asked).toMillis());
                            }
                        }
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join(5_000);
            consumer.close();
        }
    }
}
