package io.agenthub.secrets;

import io.agenthub.core.ids.UserId;
import io.agenthub.core.ids.AgentId;
import io.agenthub.schemas.events.AgentCredentials;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EmbeddedClusterTest
class OverrideFeedIT {

    private static final UserId OWNER = UserId.of(UUID.randomUUID());
    private final MasterKeys keys = MasterKeys.parse(SecretCipherTest.K1);
    private final SecretCipher cipher = new SecretCipher(keys);

    private AgentCredentials credentials(String agentId, String apiKey) {
        return SecretOverrides.seal(cipher, OWNER, AgentId.of(agentId), 1, Map.of("HASHKEY_API_KEY", apiKey), Instant.now(), null);
    }

    private static KafkaProducer<byte[], byte[]> raw(TestCluster cluster) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void shouldHoldWhatTheTopicHeldBeforeItStartedWhenStartReturns(TestCluster cluster) throws Exception {
        Topic<String, AgentCredentials> topic = cluster.topics().agentsCredentials();
        try (KafkaProducer<String, AgentCredentials> producer = cluster.producer(topic)) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic.name(), "agent-" + i, credentials("agent-" + i, "key-" + i))).get();
            }
            producer.send(new ProducerRecord<>(topic.name(), "agent-3", null)).get();
        }
        SecretOverrides overrides = SecretOverrides.openedWith(keys);

        try (OverrideFeed feed = OverrideFeed.start(cluster.bootstrapServers(), cluster.applicationId("feed"), topic, overrides, Duration.ofSeconds(30))) {
            assertThat(feed.caughtUp()).isTrue();
            assertThat(overrides.size()).isEqualTo(19);
            assertThat(overrides.value(OWNER, AgentId.of("agent-19"), "HASHKEY_API_KEY")).contains("key-19");
            assertThat(overrides.value(OWNER, AgentId.of("agent-3"), "HASHKEY_API_KEY")).as("ended by its tombstone").isEmpty();
        }
    }

    @Test
    void shouldFollowNewOverridesAndTombstonesAndSkipGarbageWhenRunning(TestCluster cluster) throws Exception {
        Topic<String, AgentCredentials> topic = cluster.topics().agentsCredentials();
        SecretOverrides overrides = SecretOverrides.openedWith(keys);
        List<String> changed = new java.util.concurrent.CopyOnWriteArrayList<>();
        overrides.onChange(agent -> changed.add(agent.value()));
        try (OverrideFeed feed = OverrideFeed.start(cluster.bootstrapServers(), cluster.applicationId("feed"), topic, overrides, Duration.ofSeconds(30));
             KafkaProducer<String, AgentCredentials> producer = cluster.producer(topic);
             KafkaProducer<byte[], byte[]> raw = raw(cluster)) {
            assertThat(overrides.size()).isZero();

            raw.send(new ProducerRecord<>(topic.name(), "a1".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8))).get();
            // keyed for one agent, naming another: not taken for either
            producer.send(new ProducerRecord<>(topic.name(), "a1", credentials("a2", "misfiled"))).get();
            producer.send(new ProducerRecord<>(topic.name(), "a1", credentials("a1", "first"))).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> overrides.value(OWNER, AgentId.of("a1"), "HASHKEY_API_KEY").isPresent());
            assertThat(overrides.value(OWNER, AgentId.of("a1"), "HASHKEY_API_KEY")).contains("first");
            assertThat(overrides.value(OWNER, AgentId.of("a2"), "HASHKEY_API_KEY")).isEmpty();

            producer.send(new ProducerRecord<>(topic.name(), "a1", credentials("a1", "second"))).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> overrides.value(OWNER, AgentId.of("a1"), "HASHKEY_API_KEY").equals(java.util.Optional.of("second")));

            producer.send(new ProducerRecord<>(topic.name(), "a1", null)).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> overrides.size() == 0);
            assertThat(new ArrayList<>(changed)).containsExactly("a1", "a1", "a1");
        }
    }
}
