package io.agenthub.kafka.dlq;

import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.DeadLetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@link DeadLetter} envelope for a record that could not be processed. */
public final class DeadLetters {

    private static final int MAX_MESSAGE = 2_000;

    private DeadLetters() {
    }

    public static DeadLetter of(String application, String topic, int partition, long offset, Long timestamp,
                                byte[] key, byte[] value, Headers headers, Throwable error, Instant now) {
        Map<String, ByteBuffer> headerMap = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                headerMap.put(header.key(), header.value() == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(header.value()));
            }
        }
        return DeadLetter.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Events.truncate(now))
                .setCausationId(null)
                .setApplication(application)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setSourceTimestamp(timestamp == null || timestamp < 0 ? null : Instant.ofEpochMilli(timestamp))
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setHeaders(headerMap)
                .setErrorType(error.getClass().getName())
                .setErrorMessage(message(error))
                .build();
    }

    /** The error and its causes in one line, bounded in length. */
    static String message(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null && sb.length() < MAX_MESSAGE; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.length() > MAX_MESSAGE ? sb.substring(0, MAX_MESSAGE) : sb.toString();
    }
}
