package io.agenthub.kafka.streams;

import io.agenthub.kafka.dlq.DeadLetters;
import io.agenthub.schemas.events.DeadLetter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The first node after a raw (byte-array) source: parses each record with a {@link RecordParser}; a good record goes
 * on to {@code parsedChild}, a bad one becomes a {@link DeadLetter} for {@code deadLetterChild} (a sink to the source's
 * {@code .dlq} topic). Both go through the same task, so under exactly-once the dead letter and the offset commit are
 * one transaction: nothing is lost and the stream keeps running.
 *
 * <p>With {@code null} child names (in the DSL, see {@link ParsedStreams}) both go to every child, and the caller
 * splits on the value's type.
 *
 * <p>Counts dead letters in the {@code agenthub-dead-letters} metric ({@code dead-lettered-total}, {@code -rate})
 * tagged with the source topic.
 */
public final class DecodeOrDeadLetter<K, V> implements Processor<byte[], byte[], Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(DecodeOrDeadLetter.class);

    private final String application;
    private final String sourceTopic;
    private final RecordParser<K, V> parser;
    private final String parsedChild;
    private final String deadLetterChild;
    private ProcessorContext<Object, Object> context;
    private Sensor deadLettered;

    public DecodeOrDeadLetter(String application, String sourceTopic, RecordParser<K, V> parser,
                              String parsedChild, String deadLetterChild) {
        this.application = application;
        this.sourceTopic = sourceTopic;
        this.parser = parser;
        this.parsedChild = parsedChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.deadLettered = context.metrics().addRateTotalSensor("agenthub-dead-letters", context.taskId().toString(),
                "dead-lettered", Sensor.RecordingLevel.INFO, "source", sourceTopic);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordParser.Parsed<K, V> parsed;
        try {
            parsed = parser.parse(record.key(), record.value());
        } catch (Exception e) {
            deadLetter(record, e);
            return;
        }
        Record<Object, Object> good = new Record<>(parsed.key(), parsed.value(), record.timestamp(), record.headers());
        if (parsedChild == null) {
            context.forward(good);
        } else {
            context.forward(good, parsedChild);
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, Exception error) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? sourceTopic : meta.topic();
        int partition = meta == null ? -1 : meta.partition();
        long offset = meta == null ? -1 : meta.offset();
        DeadLetter letter = DeadLetters.of(application, topic, partition, offset, record.timestamp(),
                record.key(), record.value(), record.headers(), error, Instant.now());
        log.warn("dead-lettered {}-{}@{}: {}", topic, partition, offset, letter.getErrorMessage());
        deadLettered.record();
        Record<Object, Object> dead = new Record<>(record.key(), letter, record.timestamp());
        if (deadLetterChild == null) {
            context.forward(dead);
        } else {
            context.forward(dead, deadLetterChild);
        }
    }
}
