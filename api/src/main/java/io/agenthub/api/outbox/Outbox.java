package io.agenthub.api.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/**
 * Writes an event to the outbox in the caller's transaction. The row is inserted and deleted at once: the table stays
 * empty, the insert stays in the write-ahead log, and {@link OutboxRelay} publishes it from there once the
 * transaction commits — never before, never for a transaction that rolled back.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void add(UUID eventId, String topic, String key, String eventType, byte[] payload) {
        jdbc.sql("INSERT INTO outbox (id, aggregate_id, topic, event_type, payload) VALUES (?, ?, ?, ?, ?)")
                .params(eventId, key, topic, eventType, payload).update();
        jdbc.sql("DELETE FROM outbox WHERE id = ?").param(eventId).update();
    }
}
