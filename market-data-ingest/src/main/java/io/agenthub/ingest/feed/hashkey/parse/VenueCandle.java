package io.agenthub.ingest.feed.hashkey.parse;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One candle as HashKey reports it (a REST kline row or a WebSocket kline push), checked to be a candle a market can
 * print: positive prices, the high above and the low below open and close, volume not negative.
 */
public record VenueCandle(long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                          BigDecimal volume) {

    public VenueCandle {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        if (low.signum() <= 0) {
            throw new IllegalArgumentException("candle prices must be positive, got low " + low.toPlainString());
        }
        if (high.compareTo(open) < 0 || high.compareTo(close) < 0 || low.compareTo(open) > 0 || low.compareTo(close) > 0) {
            throw new IllegalArgumentException("candle high " + high.toPlainString() + " / low " + low.toPlainString()
                    + " do not enclose open " + open.toPlainString() + " and close " + close.toPlainString());
        }
        if (volume.signum() < 0) {
            throw new IllegalArgumentException("candle volume must not be negative, got " + volume.toPlainString());
        }
    }

    /** This candle as one of our bars; the open time must be aligned to the timeframe. */
    public Bar toBar(Symbol symbol, Timeframe timeframe) {
        return new Bar(symbol, timeframe, Instant.ofEpochMilli(openTime), open, high, low, close, volume);
    }
}
