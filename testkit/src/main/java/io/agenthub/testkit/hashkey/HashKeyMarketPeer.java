package io.agenthub.testkit.hashkey;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for HashKey Global's public market data, speaking its wire format on one port of 127.0.0.1: REST
 * {@code GET /api/v1/ping}, {@code /api/v1/time} and {@code /quote/v1/klines}, and the WebSocket {@code /quote/ws/v1}
 * (subscriptions checked, pings answered, trades and klines pushed in the venue's JSON shapes).
 *
 * <p>It replays a scripted history: all symbols' trades merged in time order (the <em>timeline</em>; "trade #n" is its
 * n-th entry, 0-based), pushed one every {@code pushDelay} once a client subscribed to trades. Its clock, stamped on
 * every push as {@code sendTime}, is the history's: the time of the latest trade that happened. Klines (REST, and the
 * kline pushes) are computed from the <em>full</em> history, including trades a client never received. Faults are
 * scripted by trade number: drop the connection and resume later (the trades in between happen, unseen, as in an
 * outage), push a garbage frame, go silent, pause; and the next REST calls to a path can be made to fail. Every frame
 * and request a client sent is recorded.
 *
 * <p>On subscribing to trades a client first gets the symbol's last few trades ({@code "f":true}), as the venue does.
 */
public final class HashKeyMarketPeer implements AutoCloseable {

    public static final String WS_PATH = "/quote/ws/v1";

    private static final Logger log = LoggerFactory.getLogger(HashKeyMarketPeer.class);
    private static final Set<String> TOPICS = Set.of("trade", "realtimes", "depth");

    private final List<ScriptedTrade> timeline;
    private final Map<String, List<ScriptedTrade>> tradesBySymbol;
    private final Duration pushDelay;
    private final int snapshotSize;
    private final int klineEvery;
    private final PeerRest rest;
    private final ScheduledExecutorService worker;
    private final Server server;
    private final List<String> receivedFrames = new CopyOnWriteArrayList<>();
    private final List<String> restRequests = new CopyOnWriteArrayList<>();

    // guarded by this; changed on the worker thread
    private int cursor;
    private long clock;
    private int pushedTrades;
    private int connections;
    private PeerConnection active;
    private final Map<Integer, Integer> dropAfter = new HashMap<>();
    private final Map<Integer, String> garbageAfter = new HashMap<>();
    private final Set<Integer> silentAfter = new HashSet<>();
    private final Map<Integer, Duration> pauseAfter = new HashMap<>();
    private final Map<String, InjectedFailure> failures = new HashMap<>();

    private record InjectedFailure(int remaining, int status) {
    }

    private HashKeyMarketPeer(Builder builder) throws Exception {
        this.timeline = builder.trades.stream().sorted(Comparator.comparingLong(ScriptedTrade::time)).toList();
        Map<String, List<ScriptedTrade>> bySymbol = new LinkedHashMap<>();
        for (ScriptedTrade trade : timeline) {
            bySymbol.computeIfAbsent(trade.venueSymbol(), s -> new ArrayList<>()).add(trade);
        }
        bySymbol.replaceAll((symbol, trades) -> List.copyOf(trades));
        this.tradesBySymbol = Map.copyOf(bySymbol);
        this.pushDelay = builder.pushDelay;
        this.snapshotSize = builder.snapshotSize;
        this.klineEvery = builder.klineEvery;
        this.rest = new PeerRest(tradesBySymbol);
        this.cursor = builder.startAt;
        this.clock = timeline.isEmpty() ? System.currentTimeMillis()
                : cursor > 0 ? timeline.get(cursor - 1).time() : timeline.getFirst().time() - 1;
        this.worker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("hashkey-peer").daemon(true).factory());
        this.server = startServer();
    }

    public static Builder builder() {
        return new Builder();
    }

    private Server startServer() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(12, 2);
        threads.setName("hashkey-peer-http");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        WebSocketUpgradeHandler websocket = WebSocketUpgradeHandler.from(jetty, container -> {
            container.setIdleTimeout(Duration.ofMinutes(5));
            container.addMapping(WS_PATH, (request, response, callback) -> new PeerConnection(this));
        });
        websocket.setHandler(new PeerRestHandler(this));
        jetty.setHandler(websocket);
        jetty.start();
        return jetty;
    }

    private int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI restBaseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** {@code ws://127.0.0.1:<port>/quote/ws/v1}. */
    public URI wsUrl() {
        return URI.create("ws://127.0.0.1:" + port() + WS_PATH);
    }

    /** The whole timeline, every symbol, in the order it is pushed. */
    public List<ScriptedTrade> timeline() {
        return timeline;
    }

    /** One symbol's full history. */
    public List<ScriptedTrade> trades(String venueSymbol) {
        List<ScriptedTrade> trades = tradesBySymbol.get(venueSymbol);
        if (trades == null) {
            throw new IllegalArgumentException("the peer has no history for " + venueSymbol + "; it knows " + tradesBySymbol.keySet());
        }
        return trades;
    }

    /** The venue's one-minute klines of a symbol, from its full history, as bars. */
    public List<Bar> klines(String venueSymbol) {
        return oneMinuteBars(trades(venueSymbol));
    }

    /** One-minute bars (the klines a venue would report) of trades of one symbol, oldest first. */
    public static List<Bar> oneMinuteBars(List<ScriptedTrade> trades) {
        if (trades.isEmpty()) {
            return List.of();
        }
        Symbol symbol = Symbol.parse(trades.getFirst().venueSymbol());
        List<ScriptedTrade> ordered = trades.stream().sorted(Comparator.comparingLong(ScriptedTrade::time)).toList();
        return KlineBook.klines(ordered, "1m").stream().map(k -> k.toBar(symbol, Timeframe.ONE_MINUTE)).toList();
    }

    /** After pushing trade #{@code index}, drop the connection; the next one continues at trade #{@code resumeAt}. */
    public synchronized void dropConnectionAfterTrade(int index, int resumeAt) {
        if (resumeAt <= index || resumeAt > timeline.size()) {
            throw new IllegalArgumentException("resume point " + resumeAt + " must be after trade #" + index
                    + " and at most " + timeline.size());
        }
        dropAfter.put(index, resumeAt);
    }

    /** After pushing trade #{@code index}, push {@code frame} as it is (garbage, a wrong shape, ...). */
    public synchronized void pushFrameAfterTrade(int index, String frame) {
        garbageAfter.put(index, frame);
    }

    /** After pushing trade #{@code index}, keep the connection open but push nothing and answer no ping. */
    public synchronized void goSilentAfterTrade(int index) {
        silentAfter.add(index);
    }

    /** After pushing trade #{@code index}, push nothing for {@code pause} (pings are still answered). */
    public synchronized void pauseAfterTrade(int index, Duration pause) {
        pauseAfter.put(index, pause);
    }

    /** The next {@code count} REST calls to {@code path} (e.g. {@code /quote/v1/klines}) answer {@code status}. */
    public synchronized void failNextRequests(String path, int count, int status) {
        failures.put(path, new InjectedFailure(count, status));
    }

    /** Text frames clients sent on the WebSocket, in arrival order, across connections. */
    public List<String> receivedFrames() {
        return List.copyOf(receivedFrames);
    }

    /** REST requests received, as {@code GET /path?query}, in arrival order. */
    public List<String> restRequests() {
        return List.copyOf(restRequests);
    }

    public synchronized int connectionCount() {
        return connections;
    }

    /** Trades pushed live (snapshots not counted). */
    public synchronized int pushedTradeCount() {
        return pushedTrades;
    }

    /** Whether every trade of the timeline has happened (pushed or skipped). */
    public synchronized boolean exhausted() {
        return cursor >= timeline.size();
    }

    synchronized PeerRest.Answer answerRest(String method, String path, String query, Fields parameters) {
        restRequests.add(method + " " + path + (query.isEmpty() ? "" : "?" + query));
        InjectedFailure failure = failures.get(path);
        if (failure != null && failure.remaining() > 0) {
            failures.put(path, new InjectedFailure(failure.remaining() - 1, failure.status()));
            return new PeerRest.Answer(failure.status(), PeerFrames.error("-1000", "An unknown error occurred while processing the request (injected)"));
        }
        return rest.answer(method, path, parameters);
    }

    void opened(PeerConnection connection) {
        worker.execute(() -> {
            synchronized (this) {
                connections++;
                active = connection;
            }
        });
    }

    void received(PeerConnection connection, String text) {
        receivedFrames.add(text);
        worker.execute(() -> onFrame(connection, text));
    }

    void closed(PeerConnection connection) {
        worker.execute(() -> {
            synchronized (this) {
                connection.closed = true;
                if (connection.pusher != null) {
                    connection.pusher.cancel(false);
                }
            }
        });
    }

    private synchronized void onFrame(PeerConnection connection, String text) {
        JsonNode frame;
        try {
            frame = PeerFrames.JSON.readTree(text);
        } catch (JacksonException e) {
            connection.send(PeerFrames.error(PeerRest.INVALID_PARAMETER, "Invalid JSON: " + e.getOriginalMessage()));
            return;
        }
        if (frame.isObject() && frame.has("ping")) {
            if (!connection.silent) {
                connection.send(PeerFrames.pong(frame.get("ping").asLong()));
            }
            return;
        }
        String problem = subscriptionProblem(frame);
        if (problem != null) {
            connection.send(PeerFrames.error(problem.startsWith("Invalid symbol") ? PeerRest.INVALID_SYMBOL : PeerRest.INVALID_PARAMETER, problem));
            return;
        }
        String topic = frame.get("topic").stringValue();
        boolean cancel = frame.get("event").stringValue().equals("cancel");
        for (String symbol : frame.get("symbol").stringValue().split(",")) {
            if (cancel) {
                connection.subscriptions.remove(symbol + "/" + topic);
            } else {
                subscribe(connection, symbol, topic);
            }
        }
    }

    /** What is wrong with a subscription frame, or null: {@code {"symbol","topic","event":"sub"|"cancel","params":{"binary":false}}}. */
    private String subscriptionProblem(JsonNode frame) {
        if (!frame.isObject()) {
            return "Expected a JSON object such as {\"symbol\":\"BTCUSDT\",\"topic\":\"trade\",\"event\":\"sub\",\"params\":{\"binary\":false}}";
        }
        JsonNode event = frame.get("event");
        if (event == null || !event.isString() || !(event.stringValue().equals("sub") || event.stringValue().equals("cancel"))) {
            return "Invalid event " + event + "; expected \"sub\" or \"cancel\"";
        }
        JsonNode symbol = frame.get("symbol");
        if (symbol == null || !symbol.isString()) {
            return "Invalid symbol: 'symbol' is required, e.g. \"BTCUSDT\"";
        }
        for (String each : symbol.stringValue().split(",")) {
            if (!tradesBySymbol.containsKey(each)) {
                return "Invalid symbol '" + each + "'; known: " + tradesBySymbol.keySet();
            }
        }
        JsonNode topic = frame.get("topic");
        if (topic == null || !topic.isString() || !validTopic(topic.stringValue())) {
            return "Invalid topic " + topic + "; expected trade, realtimes, depth or kline_<interval> with interval in " + KlineBook.INTERVALS;
        }
        JsonNode params = frame.get("params");
        JsonNode binary = params == null ? null : params.get("binary");
        if (binary == null || !(binary.isBoolean() || binary.isString())) {
            return "Invalid params: \"params\":{\"binary\":false} is required";
        }
        if (binary.asString().equals("true")) {
            return "Invalid params: this peer only pushes JSON text (binary=false)";
        }
        if (!binary.asString().equals("false")) {
            return "Invalid params: binary should be true or false, got " + binary;
        }
        return null;
    }

    private static boolean validTopic(String topic) {
        return TOPICS.contains(topic) || (topic.startsWith("kline_") && KlineBook.valid(topic.substring("kline_".length())));
    }

    private void subscribe(PeerConnection connection, String symbol, String topic) {
        connection.subscriptions.add(symbol + "/" + topic);
        connection.send(PeerFrames.subscriptionEcho(symbol, topic, clock));
        if (topic.equals("trade")) {
            List<ScriptedTrade> recent = happened(symbol, Long.MIN_VALUE);
            if (!recent.isEmpty()) {
                connection.send(PeerFrames.trades(symbol, recent.subList(Math.max(0, recent.size() - snapshotSize), recent.size()), true, clock));
            }
            if (connection.pusher == null) {
                connection.pusher = worker.scheduleWithFixedDelay(() -> pushNext(connection),
                        pushDelay.toNanos(), pushDelay.toNanos(), TimeUnit.NANOSECONDS);
            }
        } else if (topic.equals("kline_1m")) {
            currentKline(symbol, clock).ifPresent(kline -> connection.send(PeerFrames.kline(symbol, "1m", kline, true, clock)));
        }
    }

    private synchronized void pushNext(PeerConnection connection) {
        if (connection.closed || connection != active) {
            connection.pusher.cancel(false);
            return;
        }
        if (connection.silent || System.nanoTime() - connection.pausedUntilNanos < 0 || cursor >= timeline.size()) {
            return;
        }
        int index = cursor++;
        ScriptedTrade trade = timeline.get(index);
        clock = Math.max(clock, trade.time());
        if (connection.subscribed(trade.venueSymbol(), "trade")) {
            connection.send(PeerFrames.trades(trade.venueSymbol(), List.of(trade), false, clock));
            pushedTrades++;
        }
        if (index % klineEvery == 0 && connection.subscribed(trade.venueSymbol(), "kline_1m")) {
            currentKline(trade.venueSymbol(), clock).ifPresent(kline -> connection.send(PeerFrames.kline(trade.venueSymbol(), "1m", kline, false, clock)));
        }
        applyFaults(connection, index);
    }

    private void applyFaults(PeerConnection connection, int index) {
        String garbage = garbageAfter.remove(index);
        if (garbage != null) {
            connection.send(garbage);
        }
        Duration pause = pauseAfter.remove(index);
        if (pause != null) {
            connection.pausedUntilNanos = System.nanoTime() + pause.toNanos();
        }
        if (silentAfter.remove(index)) {
            log.info("peer goes silent after trade #{}", index);
            connection.silent = true;
        }
        Integer resumeAt = dropAfter.remove(index);
        if (resumeAt != null) {
            log.info("peer drops the connection after trade #{}; trades #{} to #{} happen unseen", index, index + 1, resumeAt - 1);
            cursor = resumeAt;
            clock = Math.max(clock, timeline.get(resumeAt - 1).time());
            connection.pusher.cancel(false);
            connection.disconnect();
        }
    }

    /** The trades of a symbol that have happened (index before the cursor) at or after {@code from}. */
    private List<ScriptedTrade> happened(String symbol, long from) {
        List<ScriptedTrade> result = new ArrayList<>();
        for (int i = 0; i < cursor; i++) {
            ScriptedTrade trade = timeline.get(i);
            if (trade.venueSymbol().equals(symbol) && trade.time() >= from) {
                result.add(trade);
            }
        }
        return result;
    }

    /** The symbol's one-minute kline of the minute {@code now} falls in, as far as it has happened. */
    private Optional<PeerKline> currentKline(String symbol, long now) {
        long minute = KlineBook.openTimeOf(now, "1m");
        List<PeerKline> klines = KlineBook.klines(happened(symbol, minute), "1m");
        return klines.isEmpty() ? Optional.empty() : Optional.of(klines.getLast());
    }

    /** Stops pushing and shuts the server down; open connections are dropped. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HashKey peer on port " + port() + " did not stop cleanly", e);
        }
    }

    /** Scripts a peer; {@link #start()} binds it to a free port of 127.0.0.1. */
    public static final class Builder {
        private final List<ScriptedTrade> trades = new ArrayList<>();
        private Duration pushDelay = Duration.ofMillis(1);
        private int snapshotSize = 10;
        private int klineEvery = 5;
        private int startAt;

        private Builder() {
        }

        /** Adds trades to the history (any symbols, any order: the timeline is sorted by time). */
        public Builder trades(List<ScriptedTrade> history) {
            trades.addAll(history);
            return this;
        }

        /** Time between two pushed trades (default 1 ms). */
        public Builder pushDelay(Duration delay) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("push delay must be positive, got " + delay);
            }
            this.pushDelay = delay;
            return this;
        }

        /** How many recent trades a trade subscription first receives with {@code "f":true} (default 10). */
        public Builder snapshotSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("snapshot size must not be negative, got " + size);
            }
            this.snapshotSize = size;
            return this;
        }

        /** Push the current kline after every n-th trade of the timeline (default 5). */
        public Builder klineEvery(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("klineEvery must be positive, got " + n);
            }
            this.klineEvery = n;
            return this;
        }

        /** Trades before this timeline index have already happened when the peer starts (default 0). */
        public Builder startAt(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("start index must not be negative, got " + index);
            }
            this.startAt = index;
            return this;
        }

        public HashKeyMarketPeer start() throws Exception {
            if (startAt > trades.size()) {
                throw new IllegalArgumentException("start index " + startAt + " is beyond the " + trades.size() + " scripted trades");
            }
            return new HashKeyMarketPeer(this);
        }
    }
}
