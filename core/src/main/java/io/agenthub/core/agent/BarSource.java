package io.agenthub.core.agent;

import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;

/** Closed bars of the past, which an agent warms up on when it starts and a new strategy when it takes over. */
@FunctionalInterface
public interface BarSource {

    /** No history: an agent warms up on the bars it sees. */
    BarSource NONE = (symbol, intervalSeconds, until, count) -> BarSeries.empty(symbol, Timeframe.ofSeconds(intervalSeconds));

    /** The last {@code count} bars of {@code intervalSeconds} that closed by {@code until}, oldest first; fewer when there are not as many. */
    BarSeries last(Symbol symbol, int intervalSeconds, long until, int count);
}
