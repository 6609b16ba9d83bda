package io.agenthub.core.trading;

/** How stop-loss and take-profit are placed when a position opens. */
public enum TpSlMode {
    /** {@code stop_loss_pct} / {@code take_profit_pct} from the entry price. */
    FIXED,
    /** Stop {@code k × ATR} from entry, take-profit {@code reward:risk ×} the stop distance. */
    DYNAMIC
}
