package io.agenthub.testkit;

import io.agenthub.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a topic from the beginning, committed records only, with a throwaway consumer (no group); writes to one with
 * a producer that cannot reorder its own records.
 */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /**
     * An idempotent producer for {@code topic}, one request in flight: on a partition created moments before, a first
     * batch refused with NOT_LEADER_OR_FOLLOWER could otherwise be retried after later batches were written, and the
     * broker then refuses it as out of order for ever (seen in CI on a loaded machine).
     */
    public static <K, V> KafkaProducer<K, V> producer(String bootstrapServers, Topic<K, V> topic) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** Reads until {@code done} holds for what was read, or the timeout. */
    public static <K, V> List<ConsumerRecord<K, V>> readUntil(String bootstrapServers, Topic<K, V> topic,
                                                               Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        try (KafkaConsumer<K, V> consumer = open(bootstrapServers, topic)) {
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    /** Reads everything committed up to now (the end offsets when the read starts). */
    public static <K, V> List<V> readToEnd(String bootstrapServers, Topic<K, V> topic, Duration timeout) {
        try (KafkaConsumer<K, V> consumer = open(bootstrapServers, topic)) {
            List<TopicPartition> partitions = List.copyOf(consumer.assignment());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<V> values = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }

    private static <K, V> KafkaConsumer<K, V> open(String bootstrapServers, Topic<K, V> topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
