package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Wilder's smoothing (a modified moving average, {@code alpha = 1 / period}) seeded with the simple average of the
 * first {@code period} values, as RSI, ATR and ADX define it.
 */
public final class Wilder implements Indicator {

    private final int period;
    private double seedSum;
    private double value = Double.NaN;
    private long count;

    public Wilder(int period) {
        this.period = Periods.require(period, "Wilder smoothing");
    }

    public double update(double input) {
        count++;
        if (count < period) {
            seedSum += input;
        } else if (count == period) {
            value = (seedSum + input) / period;
        } else {
            value = (value * (period - 1) + input) / period;
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
