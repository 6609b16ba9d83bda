package io.agenthub.ingest.feed.hashkey.http;

/**
 * A REST call to HashKey that did not give a usable answer: a transport failure or timeout, an HTTP error status, the
 * venue's {@code {"code","msg"}} error body, or a body that is not what HashKey documents.
 *
 * @see #status()
 */
public final class HashKeyRestException extends Exception {

    private final int status;
    private final String venueCode;

    HashKeyRestException(String message, int status, String venueCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.venueCode = venueCode;
    }

    /** The HTTP status, or 0 when no response arrived (connection failure, timeout). */
    public int status() {
        return status;
    }

    /** The venue's error code from a {@code {"code","msg"}} body, or {@code null}. */
    public String venueCode() {
        return venueCode;
    }
}
