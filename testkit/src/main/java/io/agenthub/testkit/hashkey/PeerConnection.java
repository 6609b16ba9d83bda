package io.agenthub.testkit.hashkey;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/**
 * One client connection to the peer's WebSocket. Jetty's callbacks are handed to the peer, which runs all of its
 * logic on its own single thread; the fields below are only touched there. Public only because Jetty calls the
 * listener methods through method handles, which need a public class; nothing else is meant to use it.
 */
public final class PeerConnection implements Session.Listener.AutoDemanding {

    private final HashKeyMarketPeer peer;
    private volatile Session session;

    /** {@code SYMBOL/topic} pairs subscribed. */
    final Set<String> subscriptions = new HashSet<>();
    ScheduledFuture<?> pusher;
    boolean silent;
    boolean closed;
    long pausedUntilNanos;

    PeerConnection(HashKeyMarketPeer peer) {
        this.peer = peer;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        peer.opened(this);
    }

    @Override
    public void onWebSocketText(String message) {
        peer.received(this, message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        peer.closed(this);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        peer.closed(this);
    }

    boolean subscribed(String symbol, String topic) {
        return subscriptions.contains(symbol + "/" + topic);
    }

    void send(String text) {
        if (!closed) {
            session.sendText(text, Callback.NOOP);
        }
    }

    /** Drops the TCP connection without a closing handshake, like an outage would. */
    void disconnect() {
        closed = true;
        session.disconnect();
    }
}
