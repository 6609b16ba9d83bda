package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Exponential moving average with {@code alpha = 2 / (period + 1)}, seeded with the SMA of its first
 * {@code period} values (the TA-Lib definition).
 */
public final class Ema implements Indicator {

    private final int period;
    private final double alpha;
    private double seedSum;
    private double value = Double.NaN;
    private long count;

    public Ema(int period) {
        this.period = Periods.require(period, "EMA");
        this.alpha = 2.0 / (period + 1);
    }

    public double update(double input) {
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

    public double value() {
        return value;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int warmup() {
        return period;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(seedSum);
        out.writeDouble(value);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        seedSum = in.readDouble();
        value = in.readDouble();
    }
}
