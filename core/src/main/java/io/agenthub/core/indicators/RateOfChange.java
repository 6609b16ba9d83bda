package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Rate of change over {@code period} bars: {@code close / close[period bars ago] - 1}. */
public final class RateOfChange implements Indicator {

    private final Window closes;
    private long count;

    public RateOfChange(int period) {
        this.closes = new Window(Periods.require(period, "rate of change") + 1);
    }

    public double update(double close) {
        count++;
        closes.add(close);
        return value();
    }

    public double value() {
        return ready() ? closes.last() / closes.get(0) - 1 : Double.NaN;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int warmup() {
        return closes.capacity();
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        closes.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        closes.read(in);
    }
}
