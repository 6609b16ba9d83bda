package io.agenthub.supervisor.app;

import io.agenthub.core.ids.AgentId;
import io.agenthub.kafka.KafkaSettings;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.DecisionRecord;
import io.agenthub.schemas.events.StrategyPlan;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor on the real cluster: requests are answered with plans and decisions; garbage and requests that cannot
 * be answered go to the DLQ; model calls run on a bounded pool; a request that waited too long is answered by rules.
 */
@EmbeddedClusterTest
class LlmSupervisorIT {

    static SupervisorProperties properties(TestCluster cluster, String name, String provider, Map<String, String> baseUrls,
                                                   int concurrency) {
        return properties(cluster, name, provider, baseUrls, concurrency, "");
    }

    static SupervisorProperties properties(TestCluster cluster, String name, String provider, Map<String, String> baseUrls,
                                                   int concurrency, String masterKeys) {
        return new SupervisorProperties(KafkaSettings.of(cluster.bootstrapServers(), cluster.topics().prefix(),
                cluster.applicationId(name)),
                new SupervisorProperties.Llm(provider, "", baseUrls, Duration.ofSeconds(5), concurrency, Duration.ofSeconds(60), 120, 500_000,
                        5, Duration.ofMinutes(1)),
                new SupervisorProperties.Secrets("", "", "", masterKeys));
    }

    private static void send(TestCluster cluster, List<AdvisorRequest> requests) throws Exception {
        Topics topics = cluster.topics();
        try (KafkaProducer<String, AdvisorRequest> producer = cluster.producer(topics.advisorRequests())) {
            for (AdvisorRequest request : requests) {
                producer.send(new ProducerRecord<>(topics.advisorRequests().name(), request.getAgentId(), request)).get();
            }
        }
    }

    @Test
    void shouldAnswerRequestsAndDeadLetterGarbageWhenRunningOnTheCluster(TestCluster cluster) throws Exception {
        Topics topics = cluster.topics();
        LlmSupervisor supervisor = new LlmSupervisor(properties(cluster, "supervisor", "none", Map.of(), 2), name -> null);
        supervisor.start();
        try {
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topics.advisorRequests().name(), "a1".getBytes(StandardCharsets.UTF_8),
                        "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))).get();
            }
            send(cluster, List.of(TestRequests.request(AdvisorKind.PLANNING, 120).setEventTime(Instant.now()).build(),
                    TestRequests.request(AdvisorKind.PLANNING, 120).setEventId("req-bad").setAgentId("a2").setSymbol("NOT A SYMBOL").build()));

            List<ConsumerRecord<String, StrategyPlan>> plans = cluster.read(topics.agentsPlans(), 1, Duration.ofSeconds(30));
            assertThat(plans).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("a1");
                assertThat(r.value().getRequestSequence()).isEqualTo(7);
                assertThat(r.value().getProvider()).isEqualTo("rules");
                assertThat(r.value().getFallback()).as("no model chosen: the rules' plan is no fallback").isFalse();
            });
            List<ConsumerRecord<String, DecisionRecord>> decisions = cluster.read(topics.agentsDecisions(), 1, Duration.ofSeconds(30));
            assertThat(decisions.getFirst().value().getEventId()).isEqualTo(plans.getFirst().value().getDecisionId());
            List<ConsumerRecord<byte[], DeadLetter>> dead = cluster.read(topics.deadLetters(topics.advisorRequests()), 2, Duration.ofSeconds(30));
            assertThat(dead).hasSize(2).allSatisfy(r -> assertThat(r.value().getApplication()).isEqualTo("agenthub-llm-supervisor"));
            assertThat(dead).as("a request that parses but cannot be answered is kept too")
                    .anySatisfy(r -> assertThat(r.value().getErrorMessage()).contains("NOT A SYMBOL"));
            assertThat(supervisor.answered()).isEqualTo(1);
        } finally {
            supervisor.stop();
        }
    }

    @Test
    void shouldAskTheModelWithTheKeyOfTheRequestThatStartedTheAgentWhenItOverridesTheEnvironment(TestCluster cluster) throws Exception {
        Topics topics = cluster.topics();
        String masterKeys = "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        java.util.UUID owner = java.util.UUID.randomUUID();
        // the agent's starting request sent the provider's key; the service's environment holds a key the provider refuses
        try (KafkaProducer<String, io.agenthub.schemas.events.AgentCredentials> credentials = cluster.producer(topics.agentsCredentials())) {
            credentials.send(new ProducerRecord<>(topics.agentsCredentials().name(), "agent-eph", io.agenthub.secrets.SecretOverrides.seal(
                    new io.agenthub.secrets.SecretCipher(io.agenthub.secrets.MasterKeys.parse(masterKeys)), io.agenthub.core.ids.UserId.of(owner), AgentId.of("agent-eph"), 1,
                    Map.of("OPENAI_API_KEY", LlmPeer.KEY), Instant.now(), null))).get();
        }
        try (LlmPeer peer = new LlmPeer()) {
            peer.answer("{\"strategy_name\":\"z_score\",\"lookback\":20,\"threshold\":0.5,\"max_loss_pct\":1,\"reasoning\":\"ranging\"}");
            Function<String, String> environment = name -> name.equals("OPENAI_API_KEY") ? "sk-revoked-long-ago" : null;
            LlmSupervisor supervisor = new LlmSupervisor(properties(cluster, "overridden", "openai",
                    Map.of("openai", peer.baseUrl(LlmPeer.Wire.OPENAI)), 2, masterKeys), environment);
            supervisor.start();
            try {
                send(cluster, List.of(
                        TestRequests.request(AdvisorKind.PLANNING, 120).setEventId("eph").setAgentId("agent-eph").setOwnerId(owner.toString())
                                .setEventTime(Instant.now()).build(),
                        TestRequests.request(AdvisorKind.PLANNING, 120).setEventId("plain").setAgentId("agent-plain").setOwnerId(owner.toString())
                                .setEventTime(Instant.now()).build()));

                List<ConsumerRecord<String, StrategyPlan>> plans = cluster.read(topics.agentsPlans(), 2, Duration.ofSeconds(60));
                assertThat(plans).filteredOn(r -> r.key().equals("agent-eph")).singleElement().satisfies(r -> {
                    assertThat(r.value().getProvider()).isEqualTo("openai");
                    assertThat(r.value().getFallback()).isFalse();
                });
                assertThat(plans).filteredOn(r -> r.key().equals("agent-plain")).singleElement().satisfies(r -> {
                    assertThat(r.value().getProvider()).as("the environment's key is refused: the rules answer").isEqualTo("rules");
                    assertThat(r.value().getFallback()).isTrue();
                });
            } finally {
                supervisor.stop();
            }
        }
    }

    @Test
    void shouldAskTheModelOnABoundedPoolAndAnswerStaleRequestsByRulesWhenManyAgentsAreDueAtOnce(TestCluster cluster) throws Exception {
        Topics topics = cluster.topics();
        try (LlmPeer peer = new LlmPeer()) {
            peer.delayMillis = 500;
            peer.answer("{\"strategy_name\":\"z_score\",\"lookback\":20,\"threshold\":0.5,\"max_loss_pct\":1,\"reasoning\":\"ranging\"}");
            Function<String, String> environment = name -> name.equals("OPENAI_API_KEY") ? LlmPeer.KEY : null;
            LlmSupervisor supervisor = new LlmSupervisor(properties(cluster, "pooled", "openai",
                    Map.of("openai", peer.baseUrl(LlmPeer.Wire.OPENAI)), 4), environment);
            supervisor.start();
            try {
                Instant now = Instant.now();
                List<AdvisorRequest> requests = new java.util.ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    requests.add(TestRequests.request(AdvisorKind.PLANNING, 120).setEventId("due-" + i).setAgentId("agent-" + i)
                            .setEventTime(now).build());
                }
                requests.add(TestRequests.request(AdvisorKind.PLANNING, 120).setEventId("stale").setAgentId("agent-stale")
                        .setEventTime(now.minusSeconds(120)).build());
                long started = System.nanoTime();
                send(cluster, requests);

                List<ConsumerRecord<String, StrategyPlan>> plans = cluster.read(topics.agentsPlans(), 13, Duration.ofSeconds(60));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(plans).hasSize(13);
                assertThat(plans).filteredOn(r -> !r.key().equals("agent-stale"))
                        .allSatisfy(r -> assertThat(r.value().getProvider()).isEqualTo("openai"));
                assertThat(plans).filteredOn(r -> r.key().equals("agent-stale")).singleElement().satisfies(r -> {
                    assertThat(r.value().getProvider()).isEqualTo("rules");
                    assertThat(r.value().getFallbackReason()).contains("waited").contains("in the queue");
                });
                assertThat(peer.requests).hasSize(12);
                assertThat(peer.mostInFlight()).as("never more calls in flight than the pool allows, and more than one").isBetween(2, 4);
                System.out.printf("12 model calls of 500 ms on a pool of 4: answered in %d ms%n", took.toMillis());
            } finally {
                supervisor.stop();
            }
        }
    }
}
