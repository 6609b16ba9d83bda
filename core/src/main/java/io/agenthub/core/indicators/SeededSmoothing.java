package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Exponential smoothing {@code value += alpha (input - value)} seeded with the simple average of the first
 * {@code period} inputs (the TA-Lib convention). EMA and Wilder's smoothing differ only in alpha.
 */
abstract class SeededSmoothing implements MovingAverage {

    private final int period;
    private final double alpha;
    private double seedSum;
    private double value = Double.NaN;
    private long count;

    SeededSmoothing(int period, double alpha) {
        this.period = period;
        this.alpha = alpha;
    }

    @Override
    public final double update(double input) {
        count++;
        if (count < period) {
            seedSum += input;
        } else if (count == period) {
            value = (seedSum + input) / period;
        } else {
            value += alpha * (input - value);
        }
        return value;
    }

    @Override
    public final double value() {
        return value;
    }

    @Override
    public final long count() {
        return count;
    }

    @Override
    public final int warmup() {
        return period;
    }

    @Override
    public final void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(seedSum);
        out.writeDouble(value);
    }

    @Override
    public final void read(DataInput in) throws IOException {
        count = in.readLong();
        seedSum = in.readDouble();
        value = in.readDouble();
    }
}
