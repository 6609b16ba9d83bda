package io.agenthub.core.strategy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A trading strategy: closed bars in, one signal per bar out, in [-1, 1] (positive = long bias, negative = short
 * bias, 0 = none). Strategies never see live prices and never look ahead; during warm-up the signal is 0.
 *
 * <p>Bars arrive as primitives and a strategy allocates nothing per bar, so the backtest engine and the stream
 * processor can run it over millions of bars. {@link #explain()} builds the human-readable reason only when asked.
 * Its state (indicator state included) writes to a few hundred bytes and reads back to identical behaviour.
 */
public interface Strategy {

    /** Feeds one closed bar; returns its signal. */
    double onBar(long openTimeMillis, double open, double high, double low, double close, double volume);

    /** The last signal. */
    double signal();

    /** Why the last signal is what it is, with the indicator values behind it. */
    String explain();

    /** Bars needed before the first non-zero signal is possible. */
    int warmup();

    boolean ready();

    /** Bars fed so far (warm-up included). */
    long barsSeen();

    void write(DataOutput out) throws IOException;

    void read(DataInput in) throws IOException;
}
