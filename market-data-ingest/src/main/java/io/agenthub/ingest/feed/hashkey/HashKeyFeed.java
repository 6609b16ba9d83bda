package io.agenthub.ingest.feed.hashkey;

import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.ingest.feed.FeedSink;
import io.agenthub.ingest.feed.MarketFeed;
import io.agenthub.ingest.feed.hashkey.config.HashKeySettings;
import io.agenthub.ingest.feed.hashkey.http.HashKeyRestClient;
import io.agenthub.ingest.feed.hashkey.ws.WsConnector;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * HashKey Global's public market data: trades from the WebSocket v1 ({@code trade} and {@code kline_1m} per symbol),
 * published as ticks with watermarks, with every minute the socket did not fully cover repaired from REST klines so
 * that one-minute bars built downstream equal the venue's klines.
 *
 * <p>Threading: the WebSocket and HTTP client threads only put events on a queue; the thread that calls
 * {@link #run} does everything else (parsing, state, publishing, timers). {@link #close()} may be called from any
 * thread and makes {@code run} return promptly. Robustness: keep-alive pings, a silence timeout, reconnects with
 * exponential backoff and jitter, de-duplication of re-pushed trades, and malformed frames counted and skipped
 * without dropping the connection. See {@link #counters()} for what operators can watch.
 */
public final class HashKeyFeed implements MarketFeed {

    private final HashKeySettings settings;
    private final List<Instrument> instruments;
    private final Clock clock;
    private final FeedCounters counters = new FeedCounters();
    private final BlockingQueue<FeedEvent> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();

    /** A feed for the default instruments, on the system clock. */
    public HashKeyFeed(HashKeySettings settings) {
        this(settings, Instruments.defaults(), Clock.systemUTC());
    }

    /**
     * @param instruments resolves the configured symbols; an unsupported or repeated symbol is rejected here
     * @param clock       the machine's clock, corrected by the venue's {@code GET /api/v1/time}
     * @throws IllegalArgumentException naming the symbol and the supported ones
     */
    public HashKeyFeed(HashKeySettings settings, Instruments instruments, Clock clock) {
        this.settings = settings;
        this.instruments = resolve(settings.symbols(), instruments);
        this.clock = clock;
    }

    private static List<Instrument> resolve(List<String> symbols, Instruments instruments) {
        List<Instrument> resolved = new ArrayList<>();
        for (String symbol : symbols) {
            Instrument instrument;
            try {
                instrument = instruments.resolve(symbol);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the HashKey feed cannot subscribe to '" + symbol + "': " + e.getMessage(), e);
            }
            if (resolved.contains(instrument)) {
                throw new IllegalArgumentException("the HashKey feed lists " + instrument.symbol() + " twice (as '" + symbol
                        + "' among " + symbols + "); list each symbol once");
            }
            resolved.add(instrument);
        }
        return List.copyOf(resolved);
    }

    @Override
    public String source() {
        return "hashkey";
    }

    @Override
    public String describe() {
        return "HashKey Global public WebSocket " + settings.wsUrl() + " for "
                + instruments.stream().map(i -> i.symbol().toString()).collect(Collectors.joining(", ", "[", "]"))
                + ", gaps repaired from REST klines at " + settings.restBaseUrl();
    }

    /**
     * Connects, subscribes and publishes until {@link #close()}; reconnects on its own after failures. Throws only
     * if the sink does (for instance when Kafka refuses the ticks) or the thread is interrupted.
     *
     * @throws IllegalStateException if this feed already ran: a feed runs once
     */
    @Override
    public void run(FeedSink sink) throws InterruptedException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("this HashKey feed has already run; create a new one");
        }
        if (closed.get()) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.httpTimeout()).build();
        try {
            new FeedLoop(settings, instruments, clock,
                    new HashKeyRestClient(http, settings.restBaseUrl(), settings.httpTimeout()),
                    new WsConnector(http, settings.wsUrl(), settings.httpTimeout()),
                    counters, events, closed::get, sink, new SplittableRandom()).run();
        } finally {
            http.shutdownNow();
        }
    }

    /**
     * {@code ticks}, {@code reconnects}, {@code malformed_frames}, {@code duplicates_dropped}, {@code late_trades},
     * {@code repaired_minutes}, {@code backfill_ticks}, {@code kline_mismatches}, {@code repairs_abandoned},
     * {@code rest_retries}, {@code venue_errors}, {@code pongs}, {@code silence_timeouts}.
     */
    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            events.offer(new FeedEvent.Stop());
        }
    }
}
