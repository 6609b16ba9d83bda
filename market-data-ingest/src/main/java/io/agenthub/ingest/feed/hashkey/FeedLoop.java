package io.agenthub.ingest.feed.hashkey;

import io.agenthub.core.market.Instrument;
import io.agenthub.ingest.feed.FeedSink;
import io.agenthub.ingest.feed.hashkey.FeedCounters.Counter;
import io.agenthub.ingest.feed.hashkey.config.HashKeySettings;
import io.agenthub.ingest.feed.hashkey.http.HashKeyRestClient;
import io.agenthub.ingest.feed.hashkey.parse.MalformedPayloadException;
import io.agenthub.ingest.feed.hashkey.parse.VenueTrade;
import io.agenthub.ingest.feed.hashkey.parse.WsMessage;
import io.agenthub.ingest.feed.hashkey.parse.WsMessageParser;
import io.agenthub.ingest.feed.hashkey.ws.WsConnection;
import io.agenthub.ingest.feed.hashkey.ws.WsConnector;
import io.agenthub.ingest.feed.hashkey.ws.WsEvent;
import io.agenthub.ingest.feed.hashkey.ws.WsRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * One run of the HashKey feed, on the thread that called {@link HashKeyFeed#run}: takes socket events and REST answers
 * from the queue and runs every timer (ping, silence, reconnect, watermark, repair). Nothing here is touched by
 * another thread.
 */
final class FeedLoop {

    private static final Logger log = LoggerFactory.getLogger(HashKeyFeed.class);

    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long REPAIR_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int EVENTS_PER_ROUND = 1_000;
    private static final int MAX_BACKOFF_EXPONENT = 62;

    private enum State { CONNECTING, OPEN, WAITING }

    private final HashKeySettings settings;
    private final Clock clock;
    private final HashKeyRestClient rest;
    private final WsConnector connector;
    private final FeedCounters counters;
    private final BlockingQueue<FeedEvent> events;
    private final BooleanSupplier closed;
    private final Map<String, SymbolStream> streams = new LinkedHashMap<>();
    private final Backoff reconnectBackoff;
    private final StreamClock streamClock = new StreamClock();

    private State state;
    private long connectionId;
    private WsConnection socket;
    private long openedAtNanos;
    private long lastFrameNanos;
    private long nextPingNanos;
    private long reconnectAtNanos;
    private long nextWatermarkNanos;
    private int reconnectAttempt;
    private long lastFrameVenueTime = Long.MIN_VALUE;
    private long serverOffsetMillis;
    private boolean serverTimeRequested;

    FeedLoop(HashKeySettings settings, List<Instrument> instruments, Clock clock, HashKeyRestClient rest, WsConnector connector,
             FeedCounters counters, BlockingQueue<FeedEvent> events, BooleanSupplier closed, FeedSink sink, RandomGenerator random) {
        this.settings = settings;
        this.clock = clock;
        this.rest = rest;
        this.connector = connector;
        this.counters = counters;
        this.events = events;
        this.closed = closed;
        this.reconnectBackoff = new Backoff(settings.reconnectMinBackoff(), settings.reconnectMaxBackoff(), random);
        for (Instrument instrument : instruments) {
            streams.put(instrument.symbol().venueSymbol(), new SymbolStream(instrument, settings, sink, counters,
                    new Backoff(settings.reconnectMinBackoff(), settings.reconnectMaxBackoff(), random)));
        }
    }

    void run() throws InterruptedException {
        connect();
        requestServerTime();
        nextWatermarkNanos = System.nanoTime() + settings.watermarkInterval().toNanos();
        try {
            while (!closed.getAsBoolean()) {
                FeedEvent event = events.poll(waitNanos(System.nanoTime()), TimeUnit.NANOSECONDS);
                for (int handled = 0; event != null && !closed.getAsBoolean(); handled++) {
                    handle(event);
                    event = handled < EVENTS_PER_ROUND ? events.poll() : null;
                }
                if (!closed.getAsBoolean()) {
                    onTimers(System.nanoTime());
                }
            }
        } finally {
            if (socket != null) {
                socket.abort();
                socket = null;
            }
        }
    }

    private void handle(FeedEvent event) {
        switch (event) {
            case FeedEvent.Socket(WsEvent socketEvent) -> onSocket(socketEvent);
            case FeedEvent.KlinesFetched(KlineRequest request, var candles) ->
                    streamOf(request).onKlines(request.id(), candles, System.nanoTime());
            case FeedEvent.KlinesFailed(KlineRequest request, Exception error) ->
                    streamOf(request).onKlinesFailed(request.id(), error, System.nanoTime());
            case FeedEvent.ServerTimeFetched(long offset) -> {
                serverTimeRequested = false;
                if (Math.abs(offset - serverOffsetMillis) > 1_000) {
                    log.info("HashKey's clock differs from ours by {} ms (positive: HashKey is ahead)", offset);
                }
                serverOffsetMillis = offset;
            }
            case FeedEvent.ServerTimeFailed(Exception error) -> {
                serverTimeRequested = false;
                log.warn("could not read HashKey's clock, keeping an offset of {} ms: {}", serverOffsetMillis, error.getMessage());
            }
            case FeedEvent.Stop() -> {
                // the loop condition sees the feed was closed
            }
        }
    }

    private void onSocket(WsEvent event) {
        if (event.connection() != connectionId) {
            if (event instanceof WsEvent.Opened(long ignored, WsConnection stale)) {
                stale.abort();
            }
            return;
        }
        switch (event) {
            case WsEvent.Opened(long ignored, WsConnection opened) -> onOpened(opened);
            case WsEvent.Text(long ignored, String text, long arrivalNanos) -> onText(text, arrivalNanos);
            case WsEvent.Binary(long ignored, int bytes, long arrivalNanos) -> {
                lastFrameNanos = arrivalNanos;
                malformed("a binary message of " + bytes + " bytes arrived; subscriptions ask for JSON text (binary=false)", "");
            }
            case WsEvent.Closed(long ignored, int status, String reason) ->
                    connectionLost("was closed by HashKey (status " + status + (reason.isBlank() ? "" : ", " + reason) + ")");
            case WsEvent.Failed(long ignored, Throwable error) -> connectionLost(
                    (state == State.CONNECTING ? "could not be opened: " : "failed: ") + describe(error));
        }
    }

    private void onOpened(WsConnection opened) {
        socket = opened;
        state = State.OPEN;
        long now = System.nanoTime();
        openedAtNanos = now;
        lastFrameNanos = now;
        nextPingNanos = now + settings.pingInterval().toNanos();
        for (String venueSymbol : streams.keySet()) {
            opened.send(WsRequests.subscribe(venueSymbol, "trade"));
            opened.send(WsRequests.subscribe(venueSymbol, "kline_1m"));
        }
        log.info("connected to {}; subscribed to trade and kline_1m of {}", connector.uri(), streams.keySet());
        requestServerTime();
    }

    private void onText(String text, long arrivalNanos) {
        lastFrameNanos = arrivalNanos;
        WsMessage message;
        try {
            message = WsMessageParser.parse(text);
        } catch (MalformedPayloadException e) {
            malformed(e.getMessage(), text);
            return;
        }
        switch (message) {
            case WsMessage.Pong ignored -> counters.increment(Counter.PONGS);
            case WsMessage.ServerPing(long time) -> socket.send(WsRequests.pong(time));
            case WsMessage.SubscriptionAck ack -> onAck(ack, arrivalNanos);
            case WsMessage.TradePush push -> onTradePush(push, text, arrivalNanos);
            case WsMessage.KlinePush push -> onKlinePush(push, text, arrivalNanos);
            case WsMessage.VenueError(String code, String reason) -> {
                counters.increment(Counter.VENUE_ERRORS);
                log.error("HashKey reported an error on the WebSocket: code {}: {}", code, reason);
            }
        }
        if (streamClock.known()) {
            lastFrameVenueTime = streamClock.now(arrivalNanos);
        }
    }

    private void onAck(WsMessage.SubscriptionAck ack, long arrivalNanos) {
        observeVenueTime(ack.sendTime(), arrivalNanos);
        SymbolStream stream = ack.symbol() == null ? null : streams.get(ack.symbol());
        if (stream != null && "trade".equals(ack.topic())) {
            ensureCovered(stream, arrivalNanos);
        }
    }

    private void onTradePush(WsMessage.TradePush push, String text, long arrivalNanos) {
        SymbolStream stream = streams.get(push.symbol());
        if (stream == null) {
            malformed("trade push for " + push.symbol() + ", which this feed did not subscribe to", text);
            return;
        }
        observeVenueTime(push.sendTime(), arrivalNanos);
        push.trades().stream().mapToLong(VenueTrade::time).max().ifPresent(latest -> streamClock.observe(latest, arrivalNanos));
        ensureCovered(stream, arrivalNanos);
        stream.onTrades(push.trades(), arrivalNanos);
    }

    private void onKlinePush(WsMessage.KlinePush push, String text, long arrivalNanos) {
        if (!streams.containsKey(push.symbol()) || !push.interval().equals("1m")) {
            malformed("kline push for " + push.symbol() + " " + push.interval() + ", which this feed did not subscribe to", text);
            return;
        }
        observeVenueTime(push.sendTime(), arrivalNanos);
    }

    private void observeVenueTime(Long venueTime, long arrivalNanos) {
        if (venueTime != null) {
            streamClock.observe(venueTime, arrivalNanos);
        }
    }

    private void ensureCovered(SymbolStream stream, long arrivalNanos) {
        if (!stream.covered()) {
            stream.coverageStarted(streamClock.known() ? streamClock.now(arrivalNanos) : venueNow());
        }
    }

    private void malformed(String problem, String frame) {
        counters.increment(Counter.MALFORMED_FRAMES);
        log.warn("ignored a frame from HashKey: {}; frame: {}", problem, LogText.truncate(frame));
    }

    private void onTimers(long now) {
        if (state == State.OPEN) {
            if (now - lastFrameNanos >= settings.silenceTimeout().toNanos()) {
                counters.increment(Counter.SILENCE_TIMEOUTS);
                connectionLost("delivered nothing, not even a pong, for " + (now - lastFrameNanos) / 1_000_000 + " ms");
            } else if (now - nextPingNanos >= 0) {
                socket.send(WsRequests.ping(clock.millis()));
                nextPingNanos = now + settings.pingInterval().toNanos();
            }
        }
        if (state == State.WAITING && now - reconnectAtNanos >= 0) {
            connect();
        }
        if (now - nextWatermarkNanos >= 0) {
            streams.values().forEach(stream -> stream.publishWatermark(now));
            nextWatermarkNanos = now + settings.watermarkInterval().toNanos();
        }
        long venueNow = venueNow();
        long streamNow = streamClock.known() ? streamClock.now(now) : venueNow;
        for (SymbolStream stream : streams.values()) {
            stream.nextRepair(streamNow, venueNow, now).ifPresent(this::fetchKlines);
        }
    }

    private long waitNanos(long now) {
        long next = nextWatermarkNanos;
        if (state == State.OPEN) {
            next = earlier(next, earlier(nextPingNanos, lastFrameNanos + settings.silenceTimeout().toNanos()));
        } else if (state == State.WAITING) {
            next = earlier(next, reconnectAtNanos);
        }
        if (streams.values().stream().anyMatch(SymbolStream::repairing)) {
            next = earlier(next, now + REPAIR_CHECK_NANOS);
        }
        return Math.clamp(next - now, 0, MAX_WAIT_NANOS);
    }

    private static long earlier(long a, long b) {
        return a - b <= 0 ? a : b;
    }

    private void connect() {
        connectionId++;
        state = State.CONNECTING;
        log.info("connecting to {}", connector.uri());
        connector.connect(connectionId, event -> events.offer(new FeedEvent.Socket(event)));
    }

    /**
     * Gives the connection up and schedules the next attempt. The backoff grows with every attempt and starts over
     * only after a connection that stayed up for the silence timeout, so a venue that accepts and then drops every
     * connection is not hammered.
     */
    private void connectionLost(String reason) {
        long now = System.nanoTime();
        if (socket != null) {
            if (now - openedAtNanos >= settings.silenceTimeout().toNanos()) {
                reconnectAttempt = 0;
            }
            socket.abort();
            socket = null;
        }
        connectionId++; // what the lost connection still reports is stale from now on
        state = State.WAITING;
        if (lastFrameVenueTime != Long.MIN_VALUE) {
            streams.values().forEach(stream -> stream.coverageLost(lastFrameVenueTime));
        }
        long delay = reconnectBackoff.delayNanos(reconnectAttempt);
        reconnectAttempt = Math.min(reconnectAttempt + 1, MAX_BACKOFF_EXPONENT);
        reconnectAtNanos = now + delay;
        counters.increment(Counter.RECONNECTS);
        log.warn("HashKey WebSocket {}; reconnecting in {} ms", reason, delay / 1_000_000);
    }

    private void fetchKlines(KlineRequest request) {
        rest.oneMinuteKlines(request.instrument().symbol().venueSymbol(), request.firstMinute(), request.endTime(), request.minutes())
                .whenComplete((candles, failure) -> events.offer(failure == null
                        ? new FeedEvent.KlinesFetched(request, candles)
                        : new FeedEvent.KlinesFailed(request, unwrap(failure))));
    }

    private void requestServerTime() {
        if (serverTimeRequested) {
            return;
        }
        serverTimeRequested = true;
        long before = clock.millis();
        rest.serverTime().whenComplete((serverTime, failure) -> {
            long after = clock.millis();
            events.offer(failure == null
                    ? new FeedEvent.ServerTimeFetched(serverTime - (before + after) / 2)
                    : new FeedEvent.ServerTimeFailed(unwrap(failure)));
        });
    }

    private long venueNow() {
        return clock.millis() + serverOffsetMillis;
    }

    private SymbolStream streamOf(KlineRequest request) {
        return streams.get(request.instrument().symbol().venueSymbol());
    }

    private static Exception unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof Exception exception ? exception : new IllegalStateException(cause);
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    }
}
