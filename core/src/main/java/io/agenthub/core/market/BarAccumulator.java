package io.agenthub.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An open bar being built from ticks, immutable so that it can live in a state store as a value: the one way a bar is
 * accumulated, whether by ingest's bar topology ({@link BarBuilder}), the processor's open bars or a tick backtest.
 *
 * <p>Ticks may arrive out of order: the open is the tick with the earliest event time (the first to arrive wins a
 * tie), the close the one with the latest (the last to arrive wins a tie). High, low and volume do not depend on
 * order. A part of the bar accumulated apart (a shorter bar within it) {@linkplain #merge merges} in by the same rule.
 */
public record BarAccumulator(Symbol symbol, Timeframe timeframe, Instant openTime,
                             BigDecimal open, Instant openTickTime,
                             BigDecimal high, BigDecimal low,
                             BigDecimal close, Instant closeTickTime,
                             BigDecimal volume, long tickCount) {

    public BarAccumulator {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(openTime, "openTime");
    }

    public static BarAccumulator start(Timeframe timeframe, MarketTick tick) {
        return new BarAccumulator(tick.symbol(), timeframe, timeframe.openTimeOf(tick.time()),
                tick.price(), tick.time(), tick.price(), tick.price(), tick.price(), tick.time(), tick.size(), 1);
    }

    /**
     * A closed bar as the part of a bar it was accumulated into: opened at its open time, closed at the last instant
     * before its close time. How many ticks it had is not known; it counts none.
     */
    public static BarAccumulator of(Bar bar) {
        return new BarAccumulator(bar.symbol(), bar.timeframe(), bar.openTime(), bar.open(), bar.openTime(), bar.high(), bar.low(),
                bar.close(), bar.closeTime().minusMillis(1), bar.volume(), 0);
    }

    /** What this bar holds as the start of the bar of {@code longer} that contains it (a minute opening five, say). */
    public BarAccumulator widen(Timeframe longer) {
        BarAccumulator widened = new BarAccumulator(symbol, longer, longer.openTimeOf(openTime), open, openTickTime, high, low, close,
                closeTickTime, volume, tickCount);
        if (widened.closeTime().isBefore(closeTime())) {
            throw new IllegalArgumentException("the " + longer + " bar at " + widened.openTime() + " does not hold the " + timeframe
                    + " bar at " + openTime);
        }
        return widened;
    }

    /**
     * This bar with a part of it accumulated apart (a shorter bar within its span, before or after what it holds): the
     * open of the earlier, the close of the later, the extremes of both, their volumes and ticks summed.
     */
    public BarAccumulator merge(BarAccumulator part) {
        if (!part.symbol.equals(symbol) || part.openTime.isBefore(openTime) || part.closeTime().isAfter(closeTime())) {
            throw new IllegalArgumentException("the " + part.timeframe + " bar of " + part.symbol + " opened at " + part.openTime
                    + " is not part of the " + timeframe + " bar of " + symbol + " opened at " + openTime);
        }
        boolean earlier = part.openTickTime.isBefore(openTickTime);
        boolean laterOrSame = !part.closeTickTime.isBefore(closeTickTime);
        return new BarAccumulator(symbol, timeframe, openTime,
                earlier ? part.open : open, earlier ? part.openTickTime : openTickTime,
                part.high.max(high), part.low.min(low),
                laterOrSame ? part.close : close, laterOrSame ? part.closeTickTime : closeTickTime,
                volume.add(part.volume), tickCount + part.tickCount);
    }

    /** The first instant after this bar. */
    public Instant closeTime() {
        return openTime.plus(timeframe.length());
    }

    public boolean covers(Instant time) {
        return !time.isBefore(openTime) && time.isBefore(closeTime());
    }

    public BarAccumulator add(MarketTick tick) {
        if (!tick.symbol().equals(symbol) || !covers(tick.time())) {
            throw new IllegalArgumentException("tick " + tick.symbol() + "@" + tick.time()
                    + " does not belong to the " + timeframe + " bar of " + symbol + " opened at " + openTime);
        }
        boolean earlier = tick.time().isBefore(openTickTime);
        boolean laterOrSame = !tick.time().isBefore(closeTickTime);
        return new BarAccumulator(symbol, timeframe, openTime,
                earlier ? tick.price() : open, earlier ? tick.time() : openTickTime,
                tick.price().max(high), tick.price().min(low),
                laterOrSame ? tick.price() : close, laterOrSame ? tick.time() : closeTickTime,
                volume.add(tick.size()), tickCount + 1);
    }

    public Bar toBar() {
        return new Bar(symbol, timeframe, openTime, open, high, low, close, volume);
    }
}
