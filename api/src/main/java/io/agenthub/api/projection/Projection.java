package io.agenthub.api.projection;

import io.agenthub.api.live.LiveUpdates;
import io.agenthub.kafka.dlq.DeadLetters;
import io.agenthub.kafka.streams.AgentRecords;
import io.agenthub.kafka.streams.RecordParser;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Keeps a table in PostgreSQL from an agent-keyed topic, for the API's queries. Records arrive at least once: each
 * projection applies an event idempotently in one transaction (by its event id). A record that does not parse goes
 * to the topic's DLQ and is counted; one that cannot be applied (PostgreSQL away) is retried, never skipped.
 */
public abstract class Projection<V> implements MessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(Projection.class);

    private final String name;
    private final Topic<String, V> topic;
    private final RecordParser<String, V> parser;
    private final Topic<byte[], DeadLetter> deadLetters;
    private final KafkaProducer<byte[], DeadLetter> deadLetterProducer;
    protected final JdbcClient jdbc;
    protected final LiveUpdates live;
    private final TransactionTemplate transactions;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;

    protected Projection(String name, Topics topics, Function<Topics, Topic<String, V>> topicOf, Function<V, String> agentIdOf,
                         Services services) {
        this.name = name;
        this.topic = topicOf.apply(topics);
        this.parser = AgentRecords.parser(topic, agentIdOf);
        this.deadLetters = topics.deadLetters(topic);
        this.deadLetterProducer = services.deadLetterProducer();
        this.jdbc = services.jdbc();
        this.live = services.live();
        this.transactions = services.transactions();
        this.applied = services.meters().counter("agenthub.api.projection.applied", "projection", name);
        this.duplicates = services.meters().counter("agenthub.api.projection.duplicates", "projection", name);
        this.deadLettered = services.meters().counter("agenthub.api.projection.dead_lettered", "projection", name);
    }

    /** What every projection needs from the application. */
    public record Services(KafkaProducer<byte[], DeadLetter> deadLetterProducer, JdbcClient jdbc, TransactionTemplate transactions,
                           MeterRegistry meters, LiveUpdates live) {
    }

    public String name() {
        return name;
    }

    public Topic<String, V> topic() {
        return topic;
    }

    /** Applies one event inside a transaction; {@code false} when it had been applied before (or changed nothing). */
    protected abstract boolean apply(V event);

    /** After the transaction that applied {@code event} committed: tell the owner's live sessions. */
    protected abstract void announce(V event);

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        V event;
        try {
            event = parser.parse(record.key(), record.value()).value();
        } catch (Exception e) {
            deadLetter(record, e);
            return;
        }
        Boolean fresh = transactions.execute(tx -> apply(event));
        (Boolean.TRUE.equals(fresh) ? applied : duplicates).increment();
        if (Boolean.TRUE.equals(fresh)) {
            announce(event);
        }
    }

    /** Records {@code eventId} as applied by this projection; {@code false} if it already was. */
    protected boolean firstTime(String eventId) {
        return jdbc.sql("INSERT INTO processed_events (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(name, eventId).update() == 1;
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error) {
        DeadLetter letter = DeadLetters.of("agenthub-api", record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), record.headers(), error, Instant.now());
        log.warn("dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), letter.getErrorMessage());
        try {
            deadLetterProducer.send(new ProducerRecord<>(deadLetters.name(), record.key(), letter)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException e) {
            // not committed: the container retries this record rather than lose it
            throw new IllegalStateException("could not dead-letter " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": " + e.getCause().getMessage(), e.getCause());
        }
        deadLettered.increment();
    }
}
