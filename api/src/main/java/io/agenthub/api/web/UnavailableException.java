package io.agenthub.api.web;

/** A dependency the request needs (Kafka, say) cannot take it now: 503 with {@code Retry-After}, nothing changed. */
public class UnavailableException extends RuntimeException {

    private final long retryAfterSeconds;

    public UnavailableException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
