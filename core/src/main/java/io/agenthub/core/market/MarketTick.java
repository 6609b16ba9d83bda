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
 * @param kind    a trade, or the open or a later point of a replayed candle's path
 */
public record MarketTick(Symbol symbol, Instant time, BigDecimal price, BigDecimal size, String tradeId,
                         BigDecimal bid, BigDecimal ask, TickKind kind) {

    public MarketTick {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(kind, "kind");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("tick price must be positive, got " + price.toPlainString());
        }
        if (size.signum() < 0) {
            throw new IllegalArgumentException("tick size must not be negative, got " + size.toPlainString());
        }
    }

    /** A trade with its bid and ask. */
    public MarketTick(Symbol symbol, Instant time, BigDecimal price, BigDecimal size, String tradeId, BigDecimal bid, BigDecimal ask) {
        this(symbol, time, price, size, tradeId, bid, ask, TickKind.TRADE);
    }

    public static MarketTick trade(Symbol symbol, Instant time, BigDecimal price, BigDecimal size, String tradeId) {
        return new MarketTick(symbol, time, price, size, tradeId, null, null, TickKind.TRADE);
    }

    /** A point of a replayed candle's price path. */
    public static MarketTick candlePoint(Symbol symbol, Instant time, BigDecimal price, BigDecimal size, String tradeId, TickKind kind) {
        return new MarketTick(symbol, time, price, size, tradeId, null, null, kind);
    }
}
