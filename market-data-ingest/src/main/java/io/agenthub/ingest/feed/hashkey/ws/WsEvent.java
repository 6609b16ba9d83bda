package io.agenthub.ingest.feed.hashkey.ws;

/**
 * What happens on a WebSocket connection, as delivered by {@link WsConnector} to the feed's queue. Every event names
 * the connection it belongs to, so the feed can ignore what a connection it already gave up still reports.
 */
public sealed interface WsEvent {

    long connection();

    record Opened(long connection, WsConnection socket) implements WsEvent {
    }

    /** A complete text message and when it arrived ({@link System#nanoTime()}). */
    record Text(long connection, String text, long arrivalNanos) implements WsEvent {
    }

    /** A binary message (HashKey sends binary only when subscribed with {@code "binary":true}, which this feed never does). */
    record Binary(long connection, int bytes, long arrivalNanos) implements WsEvent {
    }

    /** The peer closed the connection. */
    record Closed(long connection, int statusCode, String reason) implements WsEvent {
    }

    /** The connection could not be opened, or failed. */
    record Failed(long connection, Throwable error) implements WsEvent {
    }
}
