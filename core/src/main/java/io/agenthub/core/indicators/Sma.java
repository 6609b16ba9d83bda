package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Simple moving average of the last {@code period} values. */
public final class Sma implements MovingAverage {

    private final int period;
    private final Window window;
    private final RollingSum sum = new RollingSum();
    private long count;

    public Sma(int period) {
        this.period = Periods.require(period, "SMA");
        this.window = new Window(period);
    }

    @Override
    public double update(double value) {
        double evicted = window.add(value);
        sum.add(value);
        if (!Double.isNaN(evicted)) {
            sum.add(-evicted);
        }
        count++;
        return value();
    }

    @Override
    public double value() {
        return ready() ? sum.value() / period : Double.NaN;
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
        window.write(out);
        sum.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        window.read(in);
        sum.read(in);
    }
}
