package io.agenthub.api.projection;

import io.agenthub.schemas.dlq.DeadLetters;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.streams.AgentRecords;
import io.agenthub.schemas.streams.RecordParser;
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

import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.ExecutionException;

/**
 * Keeps each agent's observed status from {@code agents.status} in PostgreSQL. Each event is applied once (its id
 * is recorded in the transaction that applies it) and only if it is not about an older configuration revision than
 * the status already shown. A record that does not parse goes to {@code agents.status.dlq} and is counted.
 */
public final class StatusProjection implements MessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(StatusProjection.class);
    static final String CONSUMER = "agent-status";

    private final RecordParser<String, AgentStatus> parser;
    private final Topic<byte[], DeadLetter> deadLetters;
    private final KafkaProducer<byte[], DeadLetter> deadLetterProducer;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;

    public StatusProjection(Topics topics, KafkaProducer<byte[], DeadLetter> deadLetterProducer, JdbcClient jdbc,
                            TransactionTemplate transactions, MeterRegistry meters) {
        Topic<String, AgentStatus> topic = topics.agentsStatus();
        this.parser = AgentRecords.parser(topic, AgentStatus::getAgentId);
        this.deadLetters = topics.deadLetters(topic);
        this.deadLetterProducer = deadLetterProducer;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.applied = meters.counter("agenthub.api.projection.applied", "projection", CONSUMER);
        this.duplicates = meters.counter("agenthub.api.projection.duplicates", "projection", CONSUMER);
        this.deadLettered = meters.counter("agenthub.api.projection.dead_lettered", "projection", CONSUMER);
    }

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        AgentStatus status;
        try {
            status = parser.parse(record.key(), record.value()).value();
        } catch (Exception e) {
            deadLetter(record, e);
            return;
        }
        Boolean fresh = transactions.execute(tx -> apply(status));
        (Boolean.TRUE.equals(fresh) ? applied : duplicates).increment();
    }

    private boolean apply(AgentStatus status) {
        int recorded = jdbc.sql("INSERT INTO processed_events (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(CONSUMER, status.getEventId()).update();
        if (recorded == 0) {
            return false;
        }
        jdbc.sql("""
                        UPDATE agents SET status = ?, status_reason = ?, status_revision = ?, status_time = ?
                        WHERE id = ? AND status_revision <= ?""")
                .params(status.getStatus().name(), status.getReason(), status.getConfigRevision(),
                        Timestamp.from(status.getEventTime()), status.getAgentId(), status.getConfigRevision())
                .update();
        return true;
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
            // Not committed: the container retries this record rather than lose it.
            throw new IllegalStateException("could not dead-letter " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": " + e.getCause().getMessage(), e.getCause());
        }
        deadLettered.increment();
    }
}
