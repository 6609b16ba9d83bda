package io.agenthub.core.broker;

/** How an order executes. */
public enum OrderType {
    /** At the market, at once. */
    MARKET,
    /** At the limit price or better; rests until then. */
    LIMIT,
    /** Becomes a market order when the price reaches the stop price. */
    STOP_MARKET,
    /** Becomes a limit order when the price reaches the stop price. */
    STOP_LIMIT;

    public boolean hasLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    public boolean hasStopPrice() {
        return this == STOP_MARKET || this == STOP_LIMIT;
    }
}
