package io.agenthub.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An open bar being built from ticks, immutable so that it can live in a state store as a value.
 *
 * <p>Ticks may arrive out of order: the open is the tick with the earliest event time (the first to arrive wins a
 * tie), the close the one with the latest (the last to arrive wins a tie). High, low and volume do not depend on
 * order.
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
