package io.agenthub.core.broker;

/**
 * A failed call to a venue, with what it means for the order it was about:
 * <ul>
 *   <li>{@link Outcome#REFUSED}: the venue surely did not take it (a validation error, insufficient balance);</li>
 *   <li>{@link Outcome#UNKNOWN}: it may have (an error status, a timeout, a reset connection): query the client order
 *   id before anything else, never send it again blindly;</li>
 *   <li>{@link Outcome#DUPLICATE}: the client order id is taken, the order exists: query it.</li>
 * </ul>
 * {@link #throttled()} (HTTP 429) asks to back off; {@link #banned()} (HTTP 418) to stop all traffic to the venue.
 * Never carries a secret.
 */
public final class BrokerException extends RuntimeException {

    public enum Outcome { REFUSED, UNKNOWN, DUPLICATE }

    private final Outcome outcome;
    private final int status;
    private final String code;
    private final long retryAfterMillis;

    public BrokerException(Outcome outcome, int status, String code, String message) {
        this(outcome, status, code, message, 0);
    }

    public BrokerException(Outcome outcome, int status, String code, String message, long retryAfterMillis) {
        super(message);
        this.outcome = outcome;
        this.status = status;
        this.code = code;
        this.retryAfterMillis = retryAfterMillis;
    }

    public static BrokerException refused(String code, String message) {
        return new BrokerException(Outcome.REFUSED, 0, code, message);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** HTTP status, 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    /** The venue's error code, or null when it did not answer with one. */
    public String code() {
        return code;
    }

    public boolean throttled() {
        return status == 429;
    }

    public boolean banned() {
        return status == 418;
    }

    /** How long the venue asked us to wait (Retry-After), 0 when it did not say. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
