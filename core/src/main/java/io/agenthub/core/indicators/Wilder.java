package io.agenthub.core.indicators;

/**
 * Wilder's smoothing (a modified moving average, {@code alpha = 1 / period}) seeded with the simple average of the
 * first {@code period} values, as RSI, ATR and ADX define it.
 */
public final class Wilder extends SeededSmoothing {

    public Wilder(int period) {
        super(Periods.require(period, "Wilder smoothing"), 1.0 / period);
    }
}
