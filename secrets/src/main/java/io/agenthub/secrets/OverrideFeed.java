package io.agenthub.secrets;

import io.agenthub.core.ids.AgentId;
import io.agenthub.schemas.events.AgentCredentials;
import io.agenthub.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows {@code agents.credentials} from its beginning into a {@link SecretOverrides}: every partition, read
 * committed, with no consumer group (each instance of a service holds every agent's overrides, as a table it keeps
 * in memory and never on disk). A record that does not parse is skipped with a warning naming its offset; it stays
 * on the topic.
 */
public final class OverrideFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OverrideFeed.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topic<String, AgentCredentials> topic;
    private final SecretOverrides into;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;

    private OverrideFeed(String bootstrapServers, String clientId, Topic<String, AgentCredentials> topic, SecretOverrides into) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.into = into;
        this.thread = new Thread(this::run, clientId);
        this.thread.setDaemon(true);
    }

    /** A feed that follows nothing. */
    private OverrideFeed(Topic<String, AgentCredentials> topic, SecretOverrides into) {
        this.consumer = null;
        this.topic = topic;
        this.into = into;
        this.thread = null;
        caughtUp.countDown();
    }

    /**
     * Starts following and waits up to {@code catchUp} until what the topic held at the start is read (so that a
     * service restarted mid-run resolves the overrides its agents came with from its first order on). Overrides that
     * cannot be opened (no master keys) are not followed at all: the feed returned reads nothing.
     */
    public static OverrideFeed start(String bootstrapServers, String clientId, Topic<String, AgentCredentials> topic,
                                     SecretOverrides into, Duration catchUp) {
        if (!into.canOpen()) {
            log.info("no master keys: X-Secret-* overrides on {} do not reach this service", topic.name());
            return new OverrideFeed(topic, into);
        }
        OverrideFeed feed = new OverrideFeed(bootstrapServers, clientId, topic, into);
        feed.thread.start();
        try {
            if (!feed.caughtUp.await(catchUp.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} not read to its end within {}: overrides given before this start may resolve late", topic.name(), catchUp);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return feed;
    }

    /** Whether what the topic held when the feed started has been read. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("{} is no longer followed: overrides given from now on do not reach this service", topic.name(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private List<TopicPartition> partitions() {
        while (!closed) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            log.info("waiting for topic {} to exist", topic.name());
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new WakeupException();
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            log.warn("{}-{}@{} has no key (an agent id): skipped", record.topic(), record.partition(), record.offset());
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        AgentId agentId = AgentId.parse(key).orElse(null);
        if (agentId == null) {
            log.warn("{}-{}@{} is keyed '{}', which is not an agent id: skipped", record.topic(), record.partition(), record.offset(), key);
            return;
        }
        if (record.value() == null) {
            into.accept(agentId, null);
            return;
        }
        AgentCredentials credentials;
        try {
            credentials = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.warn("{}-{}@{} is not AgentCredentials ({}): skipped", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (!agentId.value().equals(credentials.getAgentId())) {
            log.warn("{}-{}@{} is keyed {} but names agent {}: skipped", record.topic(), record.partition(), record.offset(),
                    agentId, credentials.getAgentId());
            return;
        }
        into.accept(agentId, credentials);
    }

    @Override
    public void close() {
        closed = true;
        if (thread == null) {
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
