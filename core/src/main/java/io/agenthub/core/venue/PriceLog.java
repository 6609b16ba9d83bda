package io.agenthub.core.venue;

import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.TickKind;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The prices the paper venue saw, by symbol and time, so that an order fills at the first price at or after the moment
 * it was decided however late it reaches the venue (a venue catching up after a restart reads ticks faster than
 * orders). The execution gateway keeps it in a windowed state store, a span of event time long; tests and tools keep the
 * last ticks of each symbol in memory.
 */
public interface PriceLog {

    /** Records a tick (ticks of a symbol come in time order). */
    void add(Symbol symbol, long time, BigDecimal price, TickKind kind);

    /** The first tick of {@code symbol} at or after {@code time}, the oldest kept when all are later, null when none is that late. */
    PriceHistory.Point firstAtOrAfter(Symbol symbol, long time);

    /** The last {@code perSymbol} ticks of each symbol, in memory. */
    static PriceLog inMemory(int perSymbol) {
        Map<Symbol, PriceHistory> histories = new HashMap<>();
        return new PriceLog() {
            @Override
            public void add(Symbol symbol, long time, BigDecimal price, TickKind kind) {
                histories.computeIfAbsent(symbol, s -> new PriceHistory(perSymbol)).add(time, price, kind);
            }

            @Override
            public PriceHistory.Point firstAtOrAfter(Symbol symbol, long time) {
                PriceHistory history = histories.get(symbol);
                return history == null ? null : history.firstAtOrAfter(time);
            }
        };
    }
}
