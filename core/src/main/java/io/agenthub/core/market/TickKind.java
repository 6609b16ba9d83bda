package io.agenthub.core.market;

/**
 * What a tick is, which decides where an order that it reaches fills (see {@code docs/fill-rules.md}).
 *
 * <ul>
 *   <li>{@link #TRADE}: a trade at a venue (or a sampled price): between it and the one before, the price jumped.</li>
 *   <li>{@link #CANDLE_OPEN}: the open of a replayed candle, the first price after the previous candle's close.</li>
 *   <li>{@link #CANDLE_PATH}: a later point of a replayed candle's path (its extremes and close): the price went
 *   through every price between the point before it and this one.</li>
 * </ul>
 */
public enum TickKind {
    TRADE,
    CANDLE_OPEN,
    CANDLE_PATH;

    /** Whether the price moved continuously to this tick from the one before it (a candle's path). */
    public boolean continuous() {
        return this == CANDLE_PATH;
    }
}
