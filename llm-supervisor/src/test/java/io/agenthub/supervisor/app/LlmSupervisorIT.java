package io.agenthub.supervisor.app;

import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.DecisionRecord;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.supervisor.TestRequests;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor on the real cluster: a planning request is answered with a plan and its decision; garbage goes to the DLQ. */
@EmbeddedClusterTest
class LlmSupervisorIT {

    @Test
    void shouldAnswerRequestsAndDeadLetterGarbageWhenRunningOnTheCluster(TestCluster cluster) throws Exception {
        Topics topics = cluster.topics();
        LlmSupervisor supervisor = new LlmSupervisor(new SupervisorProperties(new SupervisorProperties.Kafka(
                cluster.bootstrapServers(), topics.prefix(), cluster.applicationId("supervisor")),
                new SupervisorProperties.Llm("none", "", "", Duration.ofSeconds(5))));
        supervisor.start();
        try {
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topics.advisorRequests().name(), "a1".getBytes(StandardCharsets.UTF_8),
                        "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))).get();
            }
            try (KafkaProducer<String, AdvisorRequest> producer = cluster.producer(topics.advisorRequests())) {
                producer.send(new ProducerRecord<>(topics.advisorRequests().name(), "a1",
                        TestRequests.request(AdvisorKind.PLANNING, 120).build())).get();
            }

            List<ConsumerRecord<String, StrategyPlan>> plans = cluster.read(topics.agentsPlans(), 1, Duration.ofSeconds(30));
            assertThat(plans).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("a1");
                assertThat(r.value().getRequestSequence()).isEqualTo(7);
                assertThat(r.value().getProvider()).isEqualTo("rules");
            });
            List<ConsumerRecord<String, DecisionRecord>> decisions = cluster.read(topics.agentsDecisions(), 1, Duration.ofSeconds(30));
            assertThat(decisions.getFirst().value().getEventId()).isEqualTo(plans.getFirst().value().getDecisionId());
            List<ConsumerRecord<byte[], DeadLetter>> dead = cluster.read(topics.deadLetters(topics.advisorRequests()), 1, Duration.ofSeconds(30));
            assertThat(dead.getFirst().value().getApplication()).isEqualTo("agenthub-llm-supervisor");
            assertThat(supervisor.answered()).isEqualTo(1);
        } finally {
            supervisor.stop();
        }
    }
}
