package io.agenthub.testkit;

import io.agenthub.core.market.Timeframe;
import io.agenthub.embedded.LocalCluster;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * One test's view of the shared embedded cluster: its own topic prefix, application ids, state directories and
 * databases, so that tests never see each other's data however they are ordered.
 */
public final class TestCluster {

    public static final List<Timeframe> DEFAULT_BARS = List.of(Timeframe.ONE_SECOND, Timeframe.ONE_MINUTE);

    private final LocalCluster cluster;
    private final String namespace;
    private final Map<String, Topics> provisioned = new HashMap<>();

    TestCluster(LocalCluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Unique per test, e.g. {@code t7}. */
    public String namespace() {
        return namespace;
    }

    /** This test's catalogue (prefix {@code <namespace>.}), created on the broker with 1s and 1m bar topics. */
    public Topics topics() {
        return topics(DEFAULT_BARS);
    }

    public synchronized Topics topics(Collection<Timeframe> barTimeframes) {
        String key = barTimeframes.stream().sorted().map(Timeframe::label).toList().toString();
        return provisioned.computeIfAbsent(key, k -> {
            Topics topics = Topics.withPrefix(namespace + ".");
            cluster.provisionTopics(topics, barTimeframes);
            return topics;
        });
    }

    public String applicationId(String base) {
        return namespace + "-" + base;
    }

    /** A Kafka Streams state directory under the cluster's data directory (so it never outlives the broker). */
    public Path stateDir(String applicationId) {
        return cluster.streamsStateDir().resolve(applicationId);
    }

    /** Kafka Streams settings for a test application: exactly-once, one thread, quick commits. */
    public Properties streamsProperties(String applicationBase) {
        String id = applicationId(applicationBase);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(id).toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }

    /** A new database on the shared PostgreSQL, named after this test's namespace; returns its JDBC URL. */
    public String newDatabase(String base) {
        return cluster.postgres().ensureDatabase((namespace + "_" + base).toLowerCase().replaceAll("[^a-z0-9_]", "_"));
    }

    /** An idempotent producer for {@code topic} that cannot reorder its records ({@link KafkaRecords#producer}). */
    public <K, V> KafkaProducer<K, V> producer(Topic<K, V> topic) {
        return KafkaRecords.producer(bootstrapServers(), topic);
    }

    /** Reads committed records from the beginning until {@code count} arrived or {@code timeout} passed. */
    public <K, V> List<ConsumerRecord<K, V>> read(Topic<K, V> topic, int count, Duration timeout) {
        return readUntil(topic, records -> records.size() >= count, timeout);
    }

    /** Reads committed records from the beginning until {@code done} holds for what was read, or the timeout. */
    public <K, V> List<ConsumerRecord<K, V>> readUntil(Topic<K, V> topic, Predicate<List<ConsumerRecord<K, V>>> done,
                                                       Duration timeout) {
        return KafkaRecords.readUntil(bootstrapServers(), topic, done, timeout);
    }
}
