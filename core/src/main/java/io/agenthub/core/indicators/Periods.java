package io.agenthub.core.indicators;

/** Argument checks shared by the indicators. */
final class Periods {

    static final int MAX = 10_000;

    private Periods() {
    }

    static int require(int period, String indicator) {
        if (period < 1 || period > MAX) {
            throw new IllegalArgumentException(indicator + " period must be within 1.." + MAX + ", got " + period);
        }
        return period;
    }

    static double requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }
}
