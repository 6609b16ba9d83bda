package io.agenthub.ingest.feed.hashkey.parse;

/** A frame or REST body that is not what HashKey documents; the message says what was wrong and what was expected. */
public final class MalformedPayloadException extends Exception {

    public MalformedPayloadException(String message) {
        super(message);
    }
}
