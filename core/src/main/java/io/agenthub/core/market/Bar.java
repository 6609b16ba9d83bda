package io.agenthub.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A closed OHLCV bar (a candle) of one symbol and timeframe, opened at {@code openTime}.
 * The constructor refuses bars no market can print: a high below the open or close, a low above them, negative
 * volume or non-positive prices.
 */
public record Bar(Symbol symbol, Timeframe timeframe, Instant openTime,
                  BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {

    public Bar {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(openTime, "openTime");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        if (low.signum() <= 0) {
            throw new IllegalArgumentException("prices must be positive, got low " + low.toPlainString());
        }
        if (high.compareTo(open) < 0 || high.compareTo(close) < 0 || high.compareTo(low) < 0) {
            throw new IllegalArgumentException("high " + high.toPlainString() + " is below open, close or low");
        }
        if (low.compareTo(open) > 0 || low.compareTo(close) > 0) {
            throw new IllegalArgumentException("low " + low.toPlainString() + " is above open or close");
        }
        if (volume.signum() < 0) {
            throw new IllegalArgumentException("volume must not be negative, got " + volume.toPlainString());
        }
        if (!timeframe.openTimeOf(openTime).equals(openTime)) {
            throw new IllegalArgumentException("open time " + openTime + " is not aligned to " + timeframe);
        }
    }

    /** The first instant after the bar: {@code openTime + timeframe}. */
    public Instant closeTime() {
        return openTime.plus(timeframe.length());
    }
}
