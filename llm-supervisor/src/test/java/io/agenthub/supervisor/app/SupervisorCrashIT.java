package io.agenthub.supervisor.app;

import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.DecisionRecord;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.PositionEventKind;
import io.agenthub.schemas.events.PositionSide;
import io.agenthub.schemas.events.PositionSnapshot;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.supervisor.TestRequests;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.llm.LlmPeer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervisor on {@code positions.events}, killed mid-stream (SIGKILL of its process, no graceful close) and started
 * again: every review on the topic is answered on {@code risk.adjustments} exactly once, as a read-committed consumer
 * sees it (none skipped, none twice), each answer naming the position event it answers; marks that ask for nothing are
 * passed over, and a record that does not parse is dead-lettered once.
 */
@EmbeddedClusterTest
class SupervisorCrashIT {

    private static final int FIRST = 10;
    private static final int SECOND = 30;

    private static PositionEvent mark(String agentId, long sequence, boolean review) {
        AdvisorRequest request = review ? TestRequests.request(AdvisorKind.SUPERVISION, 30)
                .setEventId("review-" + agentId + "-" + sequence).setEventTime(Instant.now()).setAgentId(agentId).setSequence(sequence)
                .setPosition(PositionSnapshot.newBuilder().setSide(PositionSide.LONG).setQuantity(Decimals.toWire(BigDecimal.ONE))
                        .setEntryPrice(Decimals.toWire(new BigDecimal("19900"))).setStopLoss(null).setTakeProfit(null)
                        .setUnrealizedPnl(Decimals.toWire(new BigDecimal("100"))).setOpenedAt(Instant.now().minusSeconds(600)).build())
                .build() : null;
        return PositionEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setEventTime(Instant.now()).setCausationId(null)
                .setAgentId(agentId).setPositionId(agentId + "-p1").setSymbol("BTC/USDT").setKind(PositionEventKind.MARKED)
                .setSide(PositionSide.LONG).setQuantity(Decimals.toWire(BigDecimal.ONE)).setAverageEntryPrice(Decimals.toWire(new BigDecimal("19900")))
                .setMarkPrice(Decimals.toWire(new BigDecimal("20000"))).setRealizedPnl(Decimals.toWire(BigDecimal.ZERO))
                .setUnrealizedPnl(Decimals.toWire(new BigDecimal("100"))).setFees(Decimals.toWire(BigDecimal.ZERO)).setLeverage(1)
                .setLiquidationPrice(null).setStopLoss(null).setTakeProfit(null).setExitPrice(null).setCloseReason(null)
                .setReview(request).build();
    }

    /** Reviews of agents {@code from..to-1}, each after a mark that asks for nothing; returns the reviewing events' ids. */
    private static List<String> publish(TestCluster cluster, int from, int to) throws Exception {
        Topics topics = cluster.topics();
        List<String> reviews = new ArrayList<>();
        try (KafkaProducer<String, PositionEvent> producer = cluster.producer(topics.positionsEvents())) {
            for (int i = from; i < to; i++) {
                String agent = "agent-" + i;
                producer.send(new ProducerRecord<>(topics.positionsEvents().name(), agent, mark(agent, 1, false))).get();
                PositionEvent review = mark(agent, 2, true);
                producer.send(new ProducerRecord<>(topics.positionsEvents().name(), agent, review)).get();
                reviews.add(review.getEventId());
            }
        }
        return reviews;
    }

    private static Process launch(TestCluster cluster, LlmPeer peer, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LlmSupervisorApplication.class.getName(),
                "--agenthub.supervisor.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--agenthub.supervisor.kafka.topic-prefix=" + cluster.topics().prefix(),
                "--agenthub.supervisor.kafka.application-id=" + cluster.applicationId("crash-supervisor"),
                "--agenthub.supervisor.llm.provider=openai",
                "--agenthub.supervisor.llm.base-urls.openai=" + peer.baseUrl(LlmPeer.Wire.OPENAI),
                "--agenthub.supervisor.llm.concurrency=2",
                "--agenthub.supervisor.llm.calls-per-owner-per-hour=0",
                "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("OPENAI_API_KEY", LlmPeer.KEY);
        return builder.start();
    }

    private static List<RiskAdjustment> adjustments(TestCluster cluster, int atLeast, Duration timeout) {
        return cluster.readUntil(cluster.topics().riskAdjustments(), records -> records.size() >= atLeast, timeout).stream()
                .map(ConsumerRecord::value).toList();
    }

    @Test
    void shouldAnswerEveryReviewExactlyOnceWhenTheSupervisorIsKilledMidStreamAndStartedAgain(TestCluster cluster) throws Exception {
        Topics topics = cluster.topics();
        try (LlmPeer peer = new LlmPeer()) {
            peer.answer("{\"action\":\"ADJUST_TP_SL\",\"stop_loss\":19950,\"take_profit\":20500,\"reasoning\":\"tighten behind the price\"}");
            peer.delayMillis = 100;
            Path log = Files.createTempFile("supervisor-crash", ".log");
            List<String> reviews = new ArrayList<>(publish(cluster, 0, FIRST));
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topics.positionsEvents().name(), "agent-x".getBytes(StandardCharsets.UTF_8),
                        "not a position event".getBytes(StandardCharsets.UTF_8))).get();
            }

            Process first = launch(cluster, peer, log);
            try {
                // the first wave answered and committed; the second is being answered when the process dies
                assertThat(adjustments(cluster, FIRST, Duration.ofSeconds(90))).as("see %s", log).hasSizeGreaterThanOrEqualTo(FIRST);
                peer.delayMillis = 1500;
                int asked = peer.requests.size();
                reviews.addAll(publish(cluster, FIRST, FIRST + SECOND));
                await().atMost(Duration.ofSeconds(60)).until(() -> peer.requests.size() >= asked + 3);
            } finally {
                first.destroyForcibly();
                first.waitFor();
            }
            int committedBeforeRestart = cluster.readUntil(topics.riskAdjustments(), records -> false, Duration.ofSeconds(3)).size();
            assertThat(committedBeforeRestart).as("killed mid-stream, not after the end").isLessThan(FIRST + SECOND);

            peer.delayMillis = 50;
            LlmSupervisor second = new LlmSupervisor(LlmSupervisorIT.properties(cluster, "crash-supervisor", "openai",
                    Map.of("openai", peer.baseUrl(LlmPeer.Wire.OPENAI)), 2, ""), name -> name.equals("OPENAI_API_KEY") ? LlmPeer.KEY : null);
            second.start();
            try {
                List<RiskAdjustment> answered = adjustments(cluster, FIRST + SECOND, Duration.ofSeconds(120));
                // whatever else might still come would come now
                Thread.sleep(3000);
                answered = adjustments(cluster, Integer.MAX_VALUE, Duration.ofSeconds(5));
                List<String> answeredEvents = answered.stream().map(RiskAdjustment::getPositionEventId).toList();
                assertThat(answeredEvents).as("each review once, none skipped").containsExactlyInAnyOrderElementsOf(reviews);
                assertThat(answered).allSatisfy(a -> {
                    assertThat(a.getCausationId()).isEqualTo(a.getPositionEventId());
                    assertThat(a.getRequestSequence()).isEqualTo(2);
                    assertThat(a.getProvider()).isEqualTo("openai");
                });
                List<DecisionRecord> decisions = cluster.readUntil(topics.agentsDecisions(), records -> false, Duration.ofSeconds(3)).stream()
                        .map(ConsumerRecord::value).toList();
                assertThat(decisions).as("one audited decision per answer").hasSize(FIRST + SECOND);
                Set<String> decisionIds = new HashSet<>(answered.stream().map(RiskAdjustment::getDecisionId).toList());
                assertThat(decisions).allSatisfy(d -> assertThat(decisionIds).contains(d.getEventId()));
                List<DeadLetter> dead = cluster.readUntil(topics.deadLetters(topics.positionsEvents()), records -> false, Duration.ofSeconds(3))
                        .stream().map(ConsumerRecord::value).toList();
                assertThat(dead).singleElement().satisfies(d -> assertThat(d.getApplication()).isEqualTo("agenthub-llm-supervisor"));
                System.out.printf("supervisor killed with %d of %d reviews answered; all answered once after the restart%n",
                        committedBeforeRestart, FIRST + SECOND);
            } finally {
                second.stop();
            }
        }
    }
}
