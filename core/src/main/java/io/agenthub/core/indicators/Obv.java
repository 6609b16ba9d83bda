package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** On-balance volume: volume added on an up close, subtracted on a down close, starting from 0. */
public final class Obv implements Indicator {

    private double previousClose = Double.NaN;
    private double value;
    private long count;

    public double update(double close, double volume) {
        count++;
        if (!Double.isNaN(previousClose)) {
            if (close > previousClose) {
                value += volume;
            } else if (close < previousClose) {
                value -= volume;
            }
        }
        previousClose = close;
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
        return 1;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(previousClose);
        out.writeDouble(value);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        previousClose = in.readDouble();
        value = in.readDouble();
    }
}
