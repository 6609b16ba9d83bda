package io.agenthub.testkit.hashkey.exchange;

import io.agenthub.testkit.hashkey.exchange.Wire.Reply;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A local protocol peer for HashKey Global's <em>private</em> trading API, spot and USDT perpetuals, on one random
 * port of 127.0.0.1: REST ({@link #restBaseUrl()}) and the private WebSocket {@code /api/v1/ws/{listenKey}}
 * ({@link #wsBaseUrl()}). It checks what the venue checks (API key, HMAC signature over query + body as sent,
 * timestamp within {@code recvWindow} of its own clock, form content type, trading rules, balances and margin,
 * duplicate client order ids, the leverage cap) and answers in the venue's recorded JSON shapes and error codes
 * (numbers, ids and REST timestamps as strings; ids 19 digits).
 *
 * <p>Prices move only when a test says so: {@link #trade} (a market trade with a size, which fills resting orders as
 * maker at their own price, partially when the size is short) and {@link #price}. MARKET orders, and LIMIT orders that
 * cross the last price when they arrive, fill at once as taker at the last price. Faults are scripted per
 * {@code METHOD path}: {@link #failNext} (before or after acting, delayed, connection reset), {@link #holdNext}
 * (act, then hold the reply), {@link #dropUserStreams()}. Every request is recorded ({@link #requests()},
 * {@link #count}); the recorded text holds the signature, never a secret.
 *
 * <p>Choices where the venue's behaviour is not verified are documented where they are made: see {@link SpotDesk},
 * {@link FuturesDesk}, {@link PrivateApi}, {@link UserStreams}.
 */
public final class HashKeyExchangePeer implements AutoCloseable {

    /** The private stream path prefix: {@code /api/v1/ws/{listenKey}}. */
    public static final String USER_STREAM_PATH = "/api/v1/ws/";

    private final Exchange exchange = new Exchange();
    private final UserStreams streams = new UserStreams(exchange);
    private final PrivateApi api = new PrivateApi(exchange, streams);
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Failure>> failures = new HashMap<>();
    private final Map<String, Deque<Hold>> holds = new HashMap<>();
    private final List<Hold> allHolds = new CopyOnWriteArrayList<>();
    /** Counted down by {@link #close()}: ends scripted delays early. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Server server;

    private record RecordedRequest(String method, String path, String query, String body, Map<String, String> params) {

        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query) + (body.isEmpty() ? "" : " " + body);
        }
    }

    /** Starts on 127.0.0.1 on a free port. */
    public HashKeyExchangePeer() throws Exception {
        exchange.streams(streams);
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("hashkey-exchange-peer");
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler websocket = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping(USER_STREAM_PATH + "*", streams::upgrade);
        });
        websocket.setHandler(new RestHandler());
        server.setHandler(websocket);
        server.setStopTimeout(0);
        server.start();
    }

    private int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI restBaseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** {@code ws://127.0.0.1:<port>}; the private stream is {@code /api/v1/ws/{listenKey}} under it. */
    public URI wsBaseUrl() {
        return URI.create("ws://127.0.0.1:" + port());
    }

    /** {@code ws://127.0.0.1:<port>/api/v1/ws/<listenKey>}. */
    public URI userStreamUrl(String listenKey) {
        return URI.create(wsBaseUrl() + USER_STREAM_PATH + listenKey);
    }

    /** The account with these credentials, created empty the first time; another secret for a known key is refused. */
    public Account account(String apiKey, String secret) {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        return exchange.account(apiKey, secret);
    }

    /**
     * A market trade on {@code venueSymbol} ({@code BTCUSDT}, {@code BTCUSDT-PERPETUAL}, ...): the last price becomes
     * {@code price}; perpetual STOP orders it reaches trigger; resting LIMIT orders it reaches fill as maker at their
     * own price, each up to {@code size} (base units for spot, whole contracts for perpetuals), oldest first.
     */
    public void trade(String venueSymbol, BigDecimal price, BigDecimal size) {
        Objects.requireNonNull(size, "size");
        exchange.locked(() -> exchange.move(venueSymbol, price, size));
    }

    /** Sets the last price; resting LIMIT orders it reaches fill completely; STOP orders it reaches trigger. */
    public void price(String venueSymbol, BigDecimal price) {
        exchange.locked(() -> exchange.move(venueSymbol, price, null));
    }

    public BigDecimal lastPrice(String venueSymbol) {
        return exchange.locked(() -> {
            exchange.instrument(venueSymbol);
            return exchange.lastPrice(venueSymbol);
        });
    }

    /** How far the peer's clock is ahead of this machine's (negative: behind); timestamps and listenKeys use it. */
    public void clockOffset(long millis) {
        exchange.clockOffset(millis);
    }

    /** The peer's clock, in epoch milliseconds. */
    public long now() {
        return exchange.now();
    }

    /**
     * The highest leverage of a perpetual: published as the first risk tier's {@code initialMargin} = 1/max in
     * {@code exchangeInfo}, and enforced by {@code POST /api/v1/futures/leverage} and by new orders ({@code -2043}).
     * Default 20 for both perpetuals.
     */
    public void maxLeverage(String perpetualSymbol, int max) {
        exchange.locked(() -> exchange.maxLeverage(perpetualSymbol, max));
    }

    /** Spot fee rates (default 0.001 both), charged in the asset received. */
    public void spotFees(BigDecimal maker, BigDecimal taker) {
        exchange.spotMakerFee = Objects.requireNonNull(maker, "maker");
        exchange.spotTakerFee = Objects.requireNonNull(taker, "taker");
    }

    /** Perpetual fee rates (default maker 0.0002, taker 0.0006), charged in USDT on the notional. */
    public void futuresFees(BigDecimal maker, BigDecimal taker) {
        exchange.futuresMakerFee = Objects.requireNonNull(maker, "maker");
        exchange.futuresTakerFee = Objects.requireNonNull(taker, "taker");
    }

    /** How long a listenKey lives without a PUT (default 60 minutes of the peer's clock). */
    public void listenKeyValidity(Duration validity) {
        streams.validity(validity);
    }

    /**
     * Whether the events one action produced go out in one JSON array frame (true) or one single-element array per
     * event (false, the default). Clients must read every element either way.
     */
    public void batchUserEvents(boolean batch) {
        streams.batch(batch);
    }

    /** The next {@code times} requests to {@code METHOD path} (e.g. {@code "POST", "/api/v1.1/spot/order"}) fail so. */
    public void failNext(String method, String path, Failure failure, int times) {
        Objects.requireNonNull(failure, "failure");
        synchronized (failures) {
            Deque<Failure> queue = failures.computeIfAbsent(key(method, path), k -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(failure);
            }
        }
    }

    /** The next request to {@code METHOD path} is carried out, then its reply is held until {@link Hold#release()}. */
    public Hold holdNext(String method, String path) {
        Hold hold = new Hold();
        synchronized (failures) {
            holds.computeIfAbsent(key(method, path), k -> new ArrayDeque<>()).add(hold);
        }
        allHolds.add(hold);
        return hold;
    }

    /**
     * Drops every private WebSocket connection at once, without a close frame. What happens while a client is not
     * connected is never delivered to it later (as on the venue): it must catch up by REST.
     */
    public void dropUserStreams() {
        streams.dropAll();
    }

    /** Private WebSocket connections open now. */
    public int userStreamConnections() {
        return streams.connectionCount();
    }

    /** How many requests to {@code METHOD path} carried {@code param=value} (decoded, in the query or the body). */
    public long count(String method, String path, String param, String value) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path))
                .filter(r -> value.equals(r.params().get(param))).count();
    }

    /** Every request received, in arrival order, as {@code METHOD path?query body}. */
    public List<String> requests() {
        return requests.stream().map(RecordedRequest::toString).toList();
    }

    /** Releases held replies, closes every connection and stops the server. */
    @Override
    public void close() {
        closing.countDown();
        allHolds.forEach(Hold::release);
        streams.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HashKey exchange peer on port " + port() + " did not stop cleanly", e);
        }
    }

    private static String key(String method, String path) {
        return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
    }

    private <T> T take(Map<String, Deque<T>> queues, String key) {
        synchronized (failures) {
            Deque<T> queue = queues.get(key);
            return queue == null ? null : queue.poll();
        }
    }

    /** How a scripted request fails. */
    public sealed interface Failure {

        /** Act, then answer {@code status} with an HTML body: the reply is lost, the order (if any) exists. */
        static Failure afterActing(int status) {
            return new AfterActing(status);
        }

        /**
         * Do not act; answer {@code status} with {@code jsonBody} (e.g. 429 {@code {"code":"0003","msg":"Rate limit
         * exceeded"}}, 418, 503) and, when {@code retryAfter} is not null, a {@code Retry-After} header in seconds.
         */
        static Failure beforeActing(int status, String jsonBody, Duration retryAfter) {
            return new BeforeActing(status, jsonBody, retryAfter);
        }

        /** Act, then wait {@code delay} before answering normally, so that a client with a shorter timeout gives up. */
        static Failure delayAfterActing(Duration delay) {
            return new DelayAfterActing(delay);
        }

        /** Act, then drop the TCP connection (RST) without any reply. */
        static Failure resetAfterActing() {
            return new ResetAfterActing();
        }

        record AfterActing(int status) implements Failure {
        }

        record BeforeActing(int status, String jsonBody, Duration retryAfter) implements Failure {
            public BeforeActing {
                Objects.requireNonNull(jsonBody, "jsonBody");
            }
        }

        record DelayAfterActing(Duration delay) implements Failure {
            public DelayAfterActing {
                Objects.requireNonNull(delay, "delay");
            }
        }

        record ResetAfterActing() implements Failure {
        }
    }

    /** A request whose reply the peer holds: it has been carried out once {@link #awaitArrived} is true. */
    public static final class Hold {

        private final CountDownLatch acted = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold() {
        }

        /** Waits until the held request arrived and the venue acted on it; false if it did not within {@code timeout}. */
        public boolean awaitArrived(Duration timeout) {
            try {
                return acted.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        public boolean arrived() {
            return acted.getCount() == 0;
        }

        /** Lets the reply go. */
        public void release() {
            released.countDown();
        }

        private void actedThenWait() {
            acted.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Serves every request that is not a WebSocket upgrade. */
    private final class RestHandler extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String method = request.getMethod();
            String path = Request.getPathInContext(request);
            String query = Objects.requireNonNullElse(request.getHttpURI().getQuery(), "");
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            Params params = Params.of(query, body);
            requests.add(new RecordedRequest(method, path, query, body, Map.copyOf(params.asMap())));
            String key = key(method, path);
            Failure failure = take(failures, key);
            if (failure instanceof Failure.BeforeActing before) {
                if (before.retryAfter() != null) {
                    long seconds = Math.max(0, (before.retryAfter().toMillis() + 999) / 1000);
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
                }
                write(response, callback, before.status(), "application/json", before.jsonBody());
                return true;
            }
            Reply reply = api.answer(method, path, query, body, request.getHeaders().get("X-HK-APIKEY"),
                    request.getHeaders().get(HttpHeader.CONTENT_TYPE));
            Hold hold = take(holds, key);
            if (hold != null) {
                hold.actedThenWait();
            }
            switch (failure) {
                case null -> write(response, callback, reply.status(), "application/json", reply.body());
                case Failure.AfterActing after -> write(response, callback, after.status(), "text/html",
                        "<html><body><h1>" + after.status() + "</h1>The server could not answer.</body></html>");
                case Failure.DelayAfterActing delay -> {
                    sleep(delay.delay());
                    write(response, callback, reply.status(), "application/json", reply.body());
                }
                case Failure.ResetAfterActing reset -> reset(request, callback);
                case Failure.BeforeActing before -> throw new IllegalStateException("answered above: " + before);
            }
            return true;
        }

        private static void write(Response response, Callback callback, int status, String contentType, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            Content.Sink.write(response, true, body, callback);
        }

        private static void reset(Request request, Callback callback) {
            EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            if (endPoint.getTransport() instanceof NetworkChannel channel) {
                try {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                } catch (IOException | UnsupportedOperationException e) {
                    // a plain close still drops the connection without a reply
                }
            }
            endPoint.close();
            callback.failed(new EofException("connection reset by the HashKey peer, as scripted"));
        }

        private void sleep(Duration delay) {
            try {
                closing.await(delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "HashKeyExchangePeer[" + restBaseUrl() + "]";
    }
}
