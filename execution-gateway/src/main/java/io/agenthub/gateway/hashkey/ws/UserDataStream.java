package io.agenthub.gateway.hashkey.ws;

import io.agenthub.core.broker.BrokerException;
import io.agenthub.gateway.hashkey.http.HashKeyRest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An account's private stream at HashKey Global: a listen key from {@code POST /api/v1/userDataStream}, kept alive
 * with {@code PUT} every {@code keepAlive}, and the WebSocket {@code /api/v1/ws/{listenKey}}, which pushes order, fill,
 * balance and position events as JSON arrays. It pings every {@code ping}, answers the venue's pings, and treats a
 * connection silent for {@code silence} as lost. A lost connection is made again with growing backoff (a fresh listen
 * key when the old one is refused); every time it is up again the owner hears {@code connected(true)}, to catch up by
 * REST on what was pushed while it was down, which the venue does not send again.
 */
public final class UserDataStream implements AutoCloseable {

    public record Settings(Duration keepAlive, Duration ping, Duration silence, Duration minBackoff, Duration maxBackoff) {
    }

    private static final Logger log = LoggerFactory.getLogger(UserDataStream.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH = "/api/v1/userDataStream";

    private final HashKeyRest rest;
    private final URI wsBase;
    private final Settings settings;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Consumer<JsonNode> events;
    private final Consumer<Boolean> connectionState;
    private final String name;

    private volatile String listenKey;
    private volatile WebSocket socket;
    private volatile long lastFrame;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean connected = new java.util.concurrent.atomic.AtomicBoolean();
    private Duration backoff;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> keeper;

    public UserDataStream(String name, HashKeyRest rest, URI wsBase, Settings settings, HttpClient http, ScheduledExecutorService scheduler,
                          Consumer<JsonNode> events, Consumer<Boolean> connectionState) {
        this.name = name;
        this.rest = rest;
        this.wsBase = wsBase;
        this.settings = settings;
        this.http = http;
        this.scheduler = scheduler;
        this.events = events;
        this.connectionState = connectionState;
        this.backoff = settings.minBackoff();
    }

    /** Connects now, on the scheduler; failures are retried there. */
    public void start() {
        pinger = scheduler.scheduleWithFixedDelay(this::ping, settings.ping().toMillis(), settings.ping().toMillis(), TimeUnit.MILLISECONDS);
        keeper = scheduler.scheduleWithFixedDelay(this::keepAlive, settings.keepAlive().toMillis(), settings.keepAlive().toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.execute(this::connect);
    }

    public boolean isConnected() {
        return connected.get();
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            if (listenKey == null) {
                listenKey = rest.post(PATH, Map.of(), HashKeyRest.Kind.QUERY).path("listenKey").asString("");
                if (listenKey.isEmpty()) {
                    throw new IllegalStateException("userDataStream answered without a listenKey");
                }
            }
            URI uri = URI.create(wsBase.toString().replaceAll("/$", "") + "/api/v1/ws/" + listenKey);
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Listener()).get(15, TimeUnit.SECONDS);
            lastFrame = System.nanoTime();
            backoff = settings.minBackoff();
            connected.set(true);
            log.info("{}: private stream connected", name);
            connectionState.accept(true);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.warn("{}: private stream not connected ({}); again in {} ms", name, cause.toString(), backoff.toMillis());
            // a refused key (expired, revoked) is replaced on the next try
            if (!(cause instanceof BrokerException be) || be.outcome() != BrokerException.Outcome.UNKNOWN) {
                listenKey = null;
            }
            retryLater();
        }
    }

    private synchronized void retryLater() {
        if (closed) {
            return;
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
        scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void lost(String why) {
        if (closed || !connected.compareAndSet(true, false)) {
            return;
        }
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
        log.warn("{}: private stream lost ({}); reconnecting", name, why);
        connectionState.accept(false);
        retryLater();
    }

    private void ping() {
        WebSocket s = socket;
        if (!connected.get() || s == null) {
            return;
        }
        if (System.nanoTime() - lastFrame > settings.silence().toNanos()) {
            lost("silent for " + settings.silence().toSeconds() + " s");
            return;
        }
        s.sendText("{\"ping\":" + System.currentTimeMillis() + "}", true);
    }

    private void keepAlive() {
        String key = listenKey;
        if (key == null || closed) {
            return;
        }
        try {
            rest.put(PATH, Map.of("listenKey", key), HashKeyRest.Kind.QUERY);
        } catch (BrokerException e) {
            log.warn("{}: listen key not extended ({}); the stream reconnects with a new one", name, e.getMessage());
            if (e.outcome() == BrokerException.Outcome.REFUSED) {
                listenKey = null;
                lost("listen key refused");
            }
        }
    }

    private void onText(String text) {
        lastFrame = System.nanoTime();
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            log.warn("{}: a private stream frame that is not JSON, ignored: {}", name, text.length() > 200 ? text.substring(0, 200) : text);
            return;
        }
        if (node.isObject() && node.has("ping")) {
            WebSocket s = socket;
            if (s != null) {
                s.sendText("{\"pong\":" + node.get("ping") + "}", true);
            }
            return;
        }
        if (node.isObject() && node.has("pong")) {
            return;
        }
        if (node.isArray()) {
            node.forEach(this::deliver);
        } else {
            deliver(node);
        }
    }

    private void deliver(JsonNode event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            log.error("{}: a private stream event could not be handled: {} ({})", name, event.path("e").asString("?"), e.toString(), e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                UserDataStream.this.onText(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost("closed by the venue: " + statusCode + " " + reason);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(error.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        if (pinger != null) {
            pinger.cancel(false);
        }
        if (keeper != null) {
            keeper.cancel(false);
        }
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
        String key = listenKey;
        if (key != null) {
            try {
                rest.delete(PATH, Map.of("listenKey", key), HashKeyRest.Kind.QUERY);
            } catch (RuntimeException e) {
                log.debug("{}: listen key not closed: {}", name, e.getMessage());
            }
        }
    }
}
