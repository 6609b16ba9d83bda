package io.agenthub.benchmarks;

import io.agenthub.embedded.LocalCluster;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;

/** The Kafka clients and figures the harnesses share. */
final class BenchKafka {

    private BenchKafka() {
    }

    /**
     * Creates the topics and gives the broker a moment: right after creation it can still answer "not the leader" to
     * a produce, and an idempotent producer's retry of that batch has been seen to fail with an out-of-order sequence.
     */
    static void provision(LocalCluster cluster, Topics topics) throws InterruptedException {
        cluster.provisionTopics(topics, List.of());
        Thread.sleep(2_000);
    }

    static <V> KafkaProducer<String, V> producer(LocalCluster cluster, Serializer<V> values, int lingerMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), values);
    }

    static <V> KafkaConsumer<String, V> consumer(LocalCluster cluster, Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new StringDeserializer(), values);
    }

    static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    static String fmt(double value) {
        return String.format("%,.0f", value);
    }
}
