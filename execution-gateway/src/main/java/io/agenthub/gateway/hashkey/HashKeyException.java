package io.agenthub.gateway.hashkey;

/**
 * A failed call to HashKey Global, with what it means for the order: it surely does not exist ({@code REFUSED}), it may
 * (an error status, a timeout, a reset connection: {@code UNKNOWN}, to be resolved by querying the client order id
 * before anything else), or it already does ({@code DUPLICATE}: the client order id was taken). Never carries a secret.
 */
public final class HashKeyException extends RuntimeException {

    public enum Outcome { REFUSED, UNKNOWN, DUPLICATE }

    private final Outcome outcome;
    private final int status;
    private final String code;

    public HashKeyException(Outcome outcome, int status, String code, String message) {
        super(message);
        this.outcome = outcome;
        this.status = status;
        this.code = code;
    }

    public Outcome outcome() {
        return outcome;
    }

    public int status() {
        return status;
    }

    /** The venue's error code, or null when it did not answer with one. */
    public String code() {
        return code;
    }
}
