package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An incremental indicator: O(1) work per bar, memory bounded by its lookback, and a state that writes to a few
 * bytes and reads back to exactly the same values (state stores keep it between bars).
 *
 * <p>Values follow the textbook / TA-Lib definitions: Wilder smoothing for RSI, ATR and ADX, EMAs seeded with the
 * SMA of their first period, population standard deviation. Until {@link #ready()} the values are {@code NaN}.
 */
public interface Indicator {

    /** Bars seen. */
    long count();

    /** Bars needed before the first value. */
    int warmup();

    default boolean ready() {
        return count() >= warmup();
    }

    void write(DataOutput out) throws IOException;

    void read(DataInput in) throws IOException;
}
