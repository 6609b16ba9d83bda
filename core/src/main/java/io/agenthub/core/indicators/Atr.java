package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Wilder's average true range: the true range {@code max(high - low, |high - prevClose|, |low - prevClose|)} of each
 * bar after the first, Wilder-smoothed over {@code period} bars.
 */
public final class Atr implements Indicator {

    private final int period;
    private final Wilder average;
    private double previousClose = Double.NaN;
    private long count;

    public Atr(int period) {
        this.period = Periods.require(period, "ATR");
        this.average = new Wilder(period);
    }

    public double update(double high, double low, double close) {
        count++;
        if (!Double.isNaN(previousClose)) {
            average.update(trueRange(high, low, previousClose));
        }
        previousClose = close;
        return value();
    }

    static double trueRange(double high, double low, double previousClose) {
        return Math.max(high - low, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
    }

    public double value() {
        return ready() ? average.value() : Double.NaN;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int warmup() {
        return period + 1;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(previousClose);
        average.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        previousClose = in.readDouble();
        average.read(in);
    }
}
