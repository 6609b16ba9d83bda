package io.agenthub.core.indicators;

/**
 * Exponential moving average with {@code alpha = 2 / (period + 1)}, seeded with the SMA of its first
 * {@code period} values (the TA-Lib definition).
 */
public final class Ema extends SeededSmoothing {

    public Ema(int period) {
        super(Periods.require(period, "EMA"), 2.0 / (period + 1));
    }
}
