package io.agenthub.ingest.feed.hashkey;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BarAccumulator;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.ingest.feed.FeedSink;
import io.agenthub.ingest.feed.hashkey.FeedCounters.Counter;
import io.agenthub.ingest.feed.hashkey.config.HashKeySettings;
import io.agenthub.ingest.feed.hashkey.http.HashKeyRestClient;
import io.agenthub.ingest.feed.hashkey.parse.VenueCandle;
import io.agenthub.ingest.feed.hashkey.parse.VenueTrade;
import io.agenthub.ingest.feed.hashkey.repair.RepairPlan;
import io.agenthub.ingest.feed.hashkey.repair.RepairPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One symbol of the HashKey feed: de-duplicates its trades, publishes them, keeps track of the minutes the WebSocket
 * did not fully cover and repairs them from REST klines, holding back later trades so that no bar closes before its
 * repair, and publishes watermarks. Runs on the feed's thread only; every time it needs is passed in.
 *
 * <p>A minute is <em>incomplete</em> unless the trade subscription was live from before its start to after its end:
 * the minute coverage began in (on the first connection), and every minute from the one the connection was lost in to
 * the one coverage resumed in. Once an incomplete minute has ended on the venue's clock (plus the settle delay), its
 * kline is fetched and {@link RepairPlanner} turns the difference into ticks. Until then, trades of later minutes wait
 * in a bounded buffer and watermarks stop at the minute's start.
 */
final class SymbolStream {

    static final long MINUTE_MS = 60_000;

    private static final Logger log = LoggerFactory.getLogger(SymbolStream.class);

    private final Instrument instrument;
    private final Symbol symbol;
    private final FeedSink sink;
    private final FeedCounters counters;
    private final Backoff retryBackoff;
    private final long latenessMs;
    private final long settleMs;
    private final int maxHeld;
    private final int maxAttempts;
    private final TradeIdWindow seen;

    /** Bars of the trades published, by minute; kept while a minute may still need repairing. */
    private final TreeMap<Long, BarAccumulator> published = new TreeMap<>();
    /** Incomplete minutes awaiting their repair, by start. */
    private final TreeSet<Long> pending = new TreeSet<>();
    /** Live trades of minutes after the earliest incomplete one, in arrival order. */
    private final ArrayDeque<MarketTick> held = new ArrayDeque<>();
    /** While coverage is lost: every minute from this one on is incomplete. */
    private Long gapFrom;
    private boolean everCovered;
    private boolean covered;
    /** Trades before this are late: their minute is final (repaired, or before coverage began). */
    private long acceptFrom = Long.MIN_VALUE;
    private long latestTradeTime = Long.MIN_VALUE;
    private long latestTradeNanos;
    private long watermark = Long.MIN_VALUE;
    private KlineRequest inFlight;
    private long requestIds;
    private int failedAttempts;
    private long retryAtNanos;

    SymbolStream(Instrument instrument, HashKeySettings settings, FeedSink sink, FeedCounters counters, Backoff retryBackoff) {
        this.instrument = instrument;
        this.symbol = instrument.symbol();
        this.sink = sink;
        this.counters = counters;
        this.retryBackoff = retryBackoff;
        this.latenessMs = settings.lateness().toMillis();
        this.settleMs = settings.settleDelay().toMillis();
        this.maxHeld = settings.maxBufferedTrades();
        this.maxAttempts = settings.maxRepairAttempts();
        this.seen = new TradeIdWindow(settings.dedupWindow());
    }

    Symbol symbol() {
        return symbol;
    }

    boolean covered() {
        return covered;
    }

    /** Whether anything waits for a repair (so the feed should look at {@link #nextRepair} often). */
    boolean repairing() {
        return !pending.isEmpty() || gapFrom != null;
    }

    /**
     * The trade subscription is live again, since {@code venueTime} (the venue's clock when it confirmed it or first
     * pushed): the minute it falls in, and on a reconnect every minute since coverage was lost, are incomplete.
     */
    void coverageStarted(long venueTime) {
        if (covered) {
            return;
        }
        long minute = minuteOf(venueTime);
        if (!everCovered) {
            pending.add(minute);
            acceptFrom = Math.max(acceptFrom, minute);
            everCovered = true;
            log.info("{}: trade stream covered from {}; the partial minute {} will be checked against its kline",
                    symbol, Instant.ofEpochMilli(venueTime), Instant.ofEpochMilli(minute));
        } else if (gapFrom != null) {
            for (long m = gapFrom; m <= minute; m += MINUTE_MS) {
                pending.add(m);
            }
            log.info("{}: trade stream covered again from {}; minutes {} to {} will be repaired from REST klines",
                    symbol, Instant.ofEpochMilli(venueTime), Instant.ofEpochMilli(gapFrom), Instant.ofEpochMilli(minute));
            gapFrom = null;
        }
        covered = true;
    }

    /** The connection was lost; the venue's clock read {@code venueTime} when it last delivered anything. */
    void coverageLost(long venueTime) {
        if (!covered) {
            return;
        }
        covered = false;
        gapFrom = minuteOf(venueTime);
    }

    void onTrades(List<VenueTrade> trades, long nowNanos) {
        for (VenueTrade trade : trades) {
            if (!seen.add(trade.id())) {
                counters.increment(Counter.DUPLICATES_DROPPED);
                continue;
            }
            if (trade.time() < acceptFrom || trade.time() < watermark) {
                counters.increment(Counter.LATE_TRADES);
                log.debug("{}: dropped late trade {} at {}; its minute is final", symbol, trade.id(), Instant.ofEpochMilli(trade.time()));
                continue;
            }
            MarketTick tick = MarketTick.trade(symbol, Instant.ofEpochMilli(trade.time()), trade.price(), trade.quantity(), trade.id());
            if (trade.time() >= holdFrom()) {
                held.addLast(tick);
            } else {
                publishTrade(tick, nowNanos);
            }
        }
        while (held.size() > maxHeld && !pending.isEmpty()) {
            long minute = pending.first();
            log.error("{}: giving up the repair of minute {}: {} live trades are held back waiting for it, more than maxBufferedTrades {}",
                    symbol, Instant.ofEpochMilli(minute), held.size(), maxHeld);
            abandon(minute);
            releaseHeld(nowNanos);
        }
    }

    /**
     * Publishes a watermark: the latest published trade time minus the lateness, advanced by the wall time since that
     * trade, never past the earliest incomplete minute's start, never backwards, never while not covered.
     */
    void publishWatermark(long nowNanos) {
        if (!covered || latestTradeTime == Long.MIN_VALUE) {
            return;
        }
        long candidate = latestTradeTime - latenessMs + (nowNanos - latestTradeNanos) / 1_000_000;
        Long earliest = earliestIncomplete();
        if (earliest != null) {
            candidate = Math.min(candidate, earliest);
        }
        if (candidate > watermark) {
            watermark = candidate;
            sink.onWatermark(symbol, Instant.ofEpochMilli(candidate));
        }
        forgetFinalMinutes();
    }

    /**
     * The kline call to make now, if an incomplete minute has ended on both clocks (plus the settle delay) and no call
     * is under way or waiting to be retried. Covers the due minutes from the earliest, at most one REST page.
     */
    Optional<KlineRequest> nextRepair(long streamNow, long venueNow, long nowNanos) {
        if (inFlight != null || nowNanos - retryAtNanos < 0) {
            return Optional.empty();
        }
        long horizon = Math.min(streamNow, venueNow) - settleMs;
        while (gapFrom != null && gapFrom + MINUTE_MS <= horizon) {
            pending.add(gapFrom);
            gapFrom += MINUTE_MS;
        }
        if (pending.isEmpty() || pending.first() + MINUTE_MS > horizon) {
            return Optional.empty();
        }
        long first = pending.first();
        long last = first;
        for (long minute : pending) {
            if (minute + MINUTE_MS > horizon || (minute - first) / MINUTE_MS >= HashKeyRestClient.MAX_KLINES) {
                break;
            }
            last = minute;
        }
        inFlight = new KlineRequest(++requestIds, instrument, first, last);
        return Optional.of(inFlight);
    }

    /** The venue's klines for a request: repairs its pending minutes in order, releasing held trades in between. */
    void onKlines(long requestId, List<VenueCandle> candles, long nowNanos) {
        if (inFlight == null || inFlight.id() != requestId) {
            return;
        }
        KlineRequest request = inFlight;
        inFlight = null;
        failedAttempts = 0;
        Map<Long, VenueCandle> byMinute = new HashMap<>();
        for (VenueCandle candle : candles) {
            byMinute.put(candle.openTime(), candle);
        }
        int repaired = 0;
        int ticks = 0;
        for (long minute : List.copyOf(pending.subSet(request.firstMinute(), true, request.lastMinute(), true))) {
            releaseHeldBefore(minute + MINUTE_MS, nowNanos);
            Optional<Bar> kline = Optional.ofNullable(byMinute.get(minute)).map(c -> c.toBar(symbol, Timeframe.ONE_MINUTE));
            RepairPlan plan = RepairPlanner.plan(instrument, Instant.ofEpochMilli(minute), Optional.ofNullable(published.get(minute)), kline);
            if (!plan.contradictions().isEmpty()) {
                counters.increment(Counter.KLINE_MISMATCHES);
                log.warn("{}: the venue's kline of minute {} contradicts what was published: {}", symbol, Instant.ofEpochMilli(minute),
                        String.join("; ", plan.contradictions()));
            }
            plan.ticks().forEach(sink::onTick);
            counters.add(Counter.BACKFILL_TICKS, plan.ticks().size());
            counters.increment(Counter.REPAIRED_MINUTES);
            ticks += plan.ticks().size();
            repaired++;
            pending.remove(minute);
            acceptFrom = Math.max(acceptFrom, minute + MINUTE_MS);
        }
        log.info("{}: repaired {} minute(s) from {} with {} backfill tick(s)", symbol, repaired,
                Instant.ofEpochMilli(request.firstMinute()), ticks);
        releaseHeld(nowNanos);
    }

    /** A kline call failed: retried after a backoff, given up after {@code maxRepairAttempts}. */
    void onKlinesFailed(long requestId, Exception error, long nowNanos) {
        if (inFlight == null || inFlight.id() != requestId) {
            return;
        }
        KlineRequest request = inFlight;
        inFlight = null;
        failedAttempts++;
        if (failedAttempts >= maxAttempts) {
            log.error("{}: giving up the repair of minutes {} to {} after {} failed REST attempts; last error: {}", symbol,
                    Instant.ofEpochMilli(request.firstMinute()), Instant.ofEpochMilli(request.lastMinute()), failedAttempts, error.getMessage());
            for (long minute : List.copyOf(pending.subSet(request.firstMinute(), true, request.lastMinute(), true))) {
                abandon(minute);
            }
            failedAttempts = 0;
            releaseHeld(nowNanos);
            return;
        }
        counters.increment(Counter.REST_RETRIES);
        long delay = retryBackoff.delayNanos(failedAttempts - 1);
        retryAtNanos = nowNanos + delay;
        log.warn("{}: kline call for the repair of minute {} failed (attempt {} of {}), retrying in {} ms: {}", symbol,
                Instant.ofEpochMilli(request.firstMinute()), failedAttempts, maxAttempts, delay / 1_000_000, error.getMessage());
    }

    private void abandon(long minute) {
        pending.remove(minute);
        counters.increment(Counter.REPAIRS_ABANDONED);
        if (inFlight != null && minute >= inFlight.firstMinute() && minute <= inFlight.lastMinute()) {
            inFlight = null;
        }
    }

    private void publishTrade(MarketTick tick, long nowNanos) {
        sink.onTick(tick);
        counters.increment(Counter.TICKS);
        long time = tick.time().toEpochMilli();
        published.merge(minuteOf(time), BarAccumulator.start(Timeframe.ONE_MINUTE, tick), (bar, ignored) -> bar.add(tick));
        if (time >= latestTradeTime) {
            latestTradeTime = time;
            latestTradeNanos = nowNanos;
        }
    }

    /** Trades at or after this instant wait: the earliest incomplete minute's end (or never, with none). */
    private long holdFrom() {
        Long earliest = earliestIncomplete();
        return earliest == null ? Long.MAX_VALUE : earliest + MINUTE_MS;
    }

    private void releaseHeld(long nowNanos) {
        releaseHeldBefore(holdFrom(), nowNanos);
    }

    private void releaseHeldBefore(long limit, long nowNanos) {
        Iterator<MarketTick> it = held.iterator();
        while (it.hasNext()) {
            MarketTick tick = it.next();
            if (tick.time().toEpochMilli() < limit) {
                it.remove();
                publishTrade(tick, nowNanos);
            }
        }
    }

    private Long earliestIncomplete() {
        Long first = pending.isEmpty() ? null : pending.first();
        if (gapFrom == null) {
            return first;
        }
        return first == null ? gapFrom : Math.min(first, gapFrom);
    }

    /** Drops the bars of minutes no repair can touch any more: before both the latest trade's and every incomplete minute. */
    private void forgetFinalMinutes() {
        long keepFrom = minuteOf(latestTradeTime);
        Long earliest = earliestIncomplete();
        if (earliest != null) {
            keepFrom = Math.min(keepFrom, earliest);
        }
        published.headMap(keepFrom).clear();
    }

    static long minuteOf(long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE_MS) * MINUTE_MS;
    }
}
