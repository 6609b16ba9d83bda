package io.agenthub.testkit.hashkey.exchange;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to a private stream {@code /api/v1/ws/{listenKey}}. Public only because Jetty calls the
 * listener methods through method handles, which need a public class; nothing else is meant to use it.
 */
public final class StreamConnection implements Session.Listener.AutoDemanding {

    private static final long SEND_TIMEOUT_SECONDS = 5;

    private final UserStreams streams;
    final Account account;
    final String listenKey;
    private volatile Session session;
    /** Set once the peer dropped or closed it: nothing more is sent. */
    volatile boolean gone;

    StreamConnection(UserStreams streams, Account account, String listenKey) {
        this.streams = streams;
        this.account = account;
        this.listenKey = listenKey;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        streams.opened(this);
    }

    @Override
    public void onWebSocketText(String message) {
        streams.received(this, message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        streams.closed(this);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        streams.closed(this);
    }

    /** Sends one text frame and waits until it was written, so that frames go out in order and before a drop. */
    void send(String text) {
        Session current = session;
        if (gone || current == null || !current.isOpen()) {
            return;
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        current.sendText(text, Callback.from(() -> written.complete(null), written::completeExceptionally));
        try {
            written.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the client went away meanwhile: what it missed is lost, as on the venue
        }
    }

    /** Drops the TCP connection without a closing handshake, as an outage would. */
    void disconnect() {
        gone = true;
        Session current = session;
        if (current != null) {
            current.disconnect();
        }
    }

    /** Closes with a WebSocket close frame. */
    void close(int code, String reason) {
        gone = true;
        Session current = session;
        if (current != null) {
            current.close(code, reason, Callback.NOOP);
        }
    }
}
