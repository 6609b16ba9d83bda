package io.agenthub.ingest.feed.hashkey.ws;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;

/**
 * An open WebSocket. Sends are queued behind one another (the JDK allows one outstanding send); a failed send is left
 * for the connection's own error or the feed's silence timeout to report.
 */
public final class WsConnection {

    private final WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    WsConnection(WebSocket socket) {
        this.socket = socket;
    }

    public synchronized void send(String text) {
        lastSend = lastSend.handle((ignored, failure) -> null)
                .thenCompose(ignored -> socket.sendText(text, true));
    }

    /** Closes at once, without a closing handshake. */
    public void abort() {
        socket.abort();
    }
}
