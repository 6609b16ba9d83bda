package io.agenthub.ingest.publish;

import io.agenthub.core.market.Symbol;
import io.agenthub.ingest.feed.ResumePoint;
import io.agenthub.schemas.events.Tick;
import org.apache.avro.specific.SpecificRecord;
import io.agenthub.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the last tick a source published for a symbol, by reading the tail of the symbol's partition. */
public final class LastPublished {

    private static final int TAIL = 2_000;

    private LastPublished() {
    }

    public static Optional<ResumePoint> find(String bootstrapServers, Topic<String, SpecificRecord> ticks, Symbol symbol,
                                             String source, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, TAIL);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            int partitions = consumer.partitionsFor(ticks.name(), timeout).size();
            byte[] key = symbol.toString().getBytes(StandardCharsets.UTF_8);
            TopicPartition partition = new TopicPartition(ticks.name(), Utils.toPositive(Utils.murmur2(key)) % partitions);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            long start = Math.max(consumer.beginningOffsets(List.of(partition), timeout).get(partition), end - TAIL);
            consumer.seek(partition, start);
            ResumePoint last = null;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ResumePoint point = decode(ticks, record, symbol, source);
                    if (point != null && (last == null || !point.eventTime().isBefore(last.eventTime()))) {
                        last = point;
                    }
                }
            }
            return Optional.ofNullable(last);
        }
    }

    private static ResumePoint decode(Topic<String, SpecificRecord> ticks, ConsumerRecord<String, byte[]> record,
                                      Symbol symbol, String source) {
        if (!symbol.toString().equals(record.key()) || record.value() == null) {
            return null;
        }
        try {
            if (ticks.valueSerde().deserializer().deserialize(ticks.name(), record.value()) instanceof Tick tick
                    && tick.getSource().equals(source)) {
                return new ResumePoint(tick.getEventTime(), tick.getTradeId(), tick.getPrice());
            }
        } catch (SerializationException e) {
            return null;
        }
        return null;
    }
}
