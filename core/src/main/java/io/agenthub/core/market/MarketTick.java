package io.agenthub.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One observed trade (or a point of a replayed candle's price path): price and size at an event time, with the best
 * bid and ask when the feed knows them.
 *
 * @param size    base-asset quantity; zero for a replayed candle that had no trades
 * @param tradeId the venue's trade id, or a deterministic id for replayed and synthetic ticks; never null
 * @param bid     best bid at the time, or {@code null}
 * @param ask     best ask at the time, or {@code null}
 */
public record MarketTick(Symbol symbol, Instant time, BigDecimal price, BigDecimal size, String tradeId,
                         BigDecimal bid, BigDecimal ask) {

    public MarketTick {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(tradeId, "tradeId");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("tick price must be positive, got " + price.toPlainString());
        }
        if (size.signum() < 0) {
            throw new IllegalArgumentException("tick size must not be negative, got " + size.toPlainString());
        }
    }

    public static MarketTick trade(Symbol symbol, Instant time, BigDecimal price, BigDecimal size, String tradeId) {
        return new MarketTick(symbol, time, price, size, tradeId, null, null);
    }
}
