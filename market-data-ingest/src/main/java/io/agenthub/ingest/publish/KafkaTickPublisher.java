package io.agenthub.ingest.publish;

import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.ingest.feed.FeedSink;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes a feed to Kafka: ticks and watermarks to {@code market.ticks}, keyed by symbol, so that a watermark
 * always follows the ticks it covers in their partition.
 *
 * <p>The record timestamp is the time of publishing, not the event time (which is in the payload): retention then
 * counts from ingestion, so a replay of 2023 candles is not deleted by a 7-day retention while it is being read, and
 * a replay running faster than real time is not refused for timestamps in the future.
 *
 * <p>Idempotent, {@code acks=all}. Sends are asynchronous; the first failure is kept and rethrown on the feed's
 * thread at the next call, which stops the feed rather than silently losing ticks.
 */
public final class KafkaTickPublisher implements FeedSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaTickPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, SpecificRecord> ticks;
    private final String source;
    private final Clock clock;
    private final AtomicLong ticksSent = new AtomicLong();
    private final AtomicLong watermarksSent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback onCompletion = (metadata, exception) -> {
        if (exception != null && failure.compareAndSet(null, exception)) {
            log.error("publishing market data failed: {}", exception.getMessage(), exception);
        }
    };

    public KafkaTickPublisher(String bootstrapServers, Topics topics, String source, Clock clock) {
        this(bootstrapServers, topics, source, clock, Map.of());
    }

    public KafkaTickPublisher(String bootstrapServers, Topics topics, String source, Clock clock, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "market-data-ingest-" + source);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putAll(overrides);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.ticks = topics.marketTicks();
        this.source = source;
        this.clock = clock;
    }

    @Override
    public void onTick(MarketTick tick) {
        throwIfFailed();
        Instant now = clock.instant();
        byte[] value = ticks.valueSerde().serializer().serialize(ticks.name(), MarketEvents.toTick(tick, source, now));
        producer.send(new ProducerRecord<>(ticks.name(), null, now.toEpochMilli(), tick.symbol().toString(), value), onCompletion);
        ticksSent.incrementAndGet();
    }

    @Override
    public void onWatermark(Symbol symbol, Instant watermark) {
        throwIfFailed();
        Instant now = clock.instant();
        byte[] value = ticks.valueSerde().serializer()
                .serialize(ticks.name(), MarketEvents.toWatermark(symbol, watermark, source, now));
        producer.send(new ProducerRecord<>(ticks.name(), null, now.toEpochMilli(), symbol.toString(), value), onCompletion);
        watermarksSent.incrementAndGet();
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("market data can no longer be published: " + e.getMessage(), e);
        }
    }

    public long ticksSent() {
        return ticksSent.get();
    }

    public long watermarksSent() {
        return watermarksSent.get();
    }

    /** Blocks until everything sent so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
