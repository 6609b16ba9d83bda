package io.agenthub.ingest.feed.hashkey.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Opens WebSocket connections with the JDK client. The listener does nothing but hand events to {@code events}
 * (the feed's queue): no parsing, no state, so that everything else happens on the feed's own thread.
 */
public final class WsConnector {

    private final HttpClient http;
    private final URI uri;
    private final Duration connectTimeout;

    public WsConnector(HttpClient http, URI uri, Duration connectTimeout) {
        this.http = http;
        this.uri = uri;
        this.connectTimeout = connectTimeout;
    }

    public URI uri() {
        return uri;
    }

    /**
     * Starts opening connection number {@code connection}; the outcome and everything after arrive as events, in
     * order ({@link WsEvent.Opened} before any message).
     */
    public void connect(long connection, Consumer<WsEvent> events) {
        http.newWebSocketBuilder()
                .connectTimeout(connectTimeout)
                .buildAsync(uri, new QueueingListener(connection, events))
                .whenComplete((socket, failure) -> {
                    if (failure != null) {
                        events.accept(new WsEvent.Failed(connection, failure));
                    }
                });
    }

    /** Assembles text messages from their parts and passes them on, one message requested at a time. */
    private static final class QueueingListener implements WebSocket.Listener {
        private final long connection;
        private final Consumer<WsEvent> events;
        private final StringBuilder partial = new StringBuilder();
        private int binaryBytes;

        QueueingListener(long connection, Consumer<WsEvent> events) {
            this.connection = connection;
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket socket) {
            events.accept(new WsEvent.Opened(connection, new WsConnection(socket)));
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                events.accept(new WsEvent.Text(connection, partial.toString(), System.nanoTime()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            binaryBytes += data.remaining();
            if (last) {
                events.accept(new WsEvent.Binary(connection, binaryBytes, System.nanoTime()));
                binaryBytes = 0;
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            events.accept(new WsEvent.Closed(connection, statusCode, reason));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            events.accept(new WsEvent.Failed(connection, error));
        }
    }
}
