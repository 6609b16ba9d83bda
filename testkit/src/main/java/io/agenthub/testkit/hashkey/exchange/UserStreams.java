package io.agenthub.testkit.hashkey.exchange;

import io.agenthub.testkit.hashkey.exchange.Wire.Codes;
import io.agenthub.testkit.hashkey.exchange.Wire.Rejection;
import io.agenthub.testkit.hashkey.exchange.Wire.Reply;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The private user data stream: listenKeys ({@code POST/PUT/DELETE /api/v1/userDataStream}; one expires when not
 * extended within its validity, 60 minutes of the peer's clock by default) and the WebSocket
 * {@code /api/v1/ws/{listenKey}}, on which every change of the key's account is pushed as a JSON array. Pushes run on
 * one thread in the order the changes happened; a connection only gets what happened while it was connected.
 * {@code {"ping":x}} is answered with {@code {"pong":x}}.
 */
final class UserStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UserStreams.class);
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final long SWEEP_MILLIS = 100;

    private final Exchange exchange;
    private final ScheduledExecutorService pusher;
    private final SecureRandom random = new SecureRandom();
    // guarded by the exchange lock
    private final Map<String, ListenKey> keys = new HashMap<>();
    private final List<StreamConnection> connections = new ArrayList<>();
    private volatile Duration validity = Duration.ofMinutes(60);
    private volatile boolean batch;

    private static final class ListenKey {
        final String key;
        final Account account;
        long expiresAt;

        ListenKey(String key, Account account, long expiresAt) {
            this.key = key;
            this.account = account;
            this.expiresAt = expiresAt;
        }
    }

    UserStreams(Exchange exchange) {
        this.exchange = exchange;
        this.pusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("hashkey-exchange-push").daemon(true).factory());
        pusher.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    void validity(Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("listenKey validity must be positive, got " + validity);
        }
        this.validity = validity;
    }

    void batch(boolean batch) {
        this.batch = batch;
    }

    /** {@code POST /api/v1/userDataStream} → {@code {"listenKey":"<64 letters>"}} (letters as in the recorded key). */
    Reply create(Account account) {
        StringBuilder key = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            key.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        keys.put(key.toString(), new ListenKey(key.toString(), account, exchange.now() + validity.toMillis()));
        return Reply.ok(Wire.object().put("listenKey", key.toString()));
    }

    /** {@code PUT}: extends the account's live key by the validity → {@code {}}. */
    Reply extend(Account account, Params params) {
        ListenKey key = owned(account, params);
        key.expiresAt = exchange.now() + validity.toMillis();
        return Reply.ok(Wire.object());
    }

    /** {@code DELETE}: closes the key and its connections → {@code {}}. */
    Reply delete(Account account, Params params) {
        ListenKey key = owned(account, params);
        end(key, 1000, "listenKey closed");
        return Reply.ok(Wire.object());
    }

    private ListenKey owned(Account account, Params params) {
        ListenKey key = live(params.required("listenKey"));
        if (key == null || key.account != account) {
            throw Rejection.of(Codes.BAD_FIELD, "Required field listenKey missing or invalid");
        }
        return key;
    }

    /** The key if it exists and has not expired (an expired one is ended now). Under the lock. */
    private ListenKey live(String key) {
        ListenKey found = keys.get(key);
        if (found != null && found.expiresAt <= exchange.now()) {
            end(found, 1008, "listenKey expired");
            return null;
        }
        return found;
    }

    private void end(ListenKey key, int code, String reason) {
        keys.remove(key.key);
        for (StreamConnection connection : List.copyOf(connections)) {
            if (connection.listenKey.equals(key.key)) {
                connections.remove(connection);
                connection.gone = true;
                pusher.execute(() -> connection.close(code, reason));
            }
        }
    }

    private void sweep() {
        try {
            exchange.locked(() -> List.copyOf(keys.values()).forEach(key -> live(key.key)));
        } catch (RuntimeException e) {
            log.warn("listenKey sweep failed", e);
        }
    }

    /** The WebSocket upgrade of {@code /api/v1/ws/{listenKey}}: refused with HTTP 400 for an unknown or expired key. */
    Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String key = Request.getPathInContext(request).substring(HashKeyExchangePeer.USER_STREAM_PATH.length());
        Account account = exchange.locked(() -> {
            ListenKey found = live(key);
            return found == null ? null : found.account;
        });
        if (account == null) {
            response.setStatus(400);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, Reply.error(400, Codes.BAD_FIELD, "Invalid listenKey").body(), callback);
            return null;
        }
        return new StreamConnection(this, account, key);
    }

    void opened(StreamConnection connection) {
        exchange.locked(() -> {
            if (live(connection.listenKey) == null) {
                connection.gone = true;
                pusher.execute(() -> connection.close(1008, "listenKey expired"));
            } else {
                connections.add(connection);
            }
        });
    }

    void closed(StreamConnection connection) {
        exchange.locked(() -> {
            connection.gone = true;
            connections.remove(connection);
        });
    }

    void received(StreamConnection connection, String text) {
        JsonNode frame;
        try {
            frame = Wire.JSON.readTree(text);
        } catch (JacksonException e) {
            return;
        }
        if (frame != null && frame.isObject() && frame.has("ping")) {
            ObjectNode pong = Wire.object().set("pong", frame.get("ping"));
            String reply = Wire.write(pong);
            pusher.execute(() -> connection.send(reply));
        }
    }

    int connectionCount() {
        return exchange.locked(connections::size);
    }

    /** Under the lock: queues the events for every connection of the account now open, one array per event (or one in all). */
    void deliver(Account account, List<ObjectNode> events) {
        List<StreamConnection> targets = connections.stream().filter(c -> c.account == account).toList();
        if (targets.isEmpty()) {
            return;
        }
        List<String> frames = new ArrayList<>();
        if (batch) {
            ArrayNode all = Wire.JSON.createArrayNode();
            events.forEach(all::add);
            frames.add(Wire.write(all));
        } else {
            for (ObjectNode event : events) {
                frames.add(Wire.write(Wire.JSON.createArrayNode().add(event)));
            }
        }
        pusher.execute(() -> targets.forEach(target -> frames.forEach(target::send)));
    }

    /** Drops every connection without a close frame, after what was already queued for them went out. */
    void dropAll() {
        exchange.locked(() -> {
            List<StreamConnection> dropped = List.copyOf(connections);
            connections.clear();
            pusher.execute(() -> dropped.forEach(StreamConnection::disconnect));
        });
    }

    @Override
    public void close() {
        pusher.shutdownNow();
    }
}
