package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** How many population standard deviations the close is from its {@code period}-bar mean; 0 in a flat window. */
public final class ZScore implements Indicator {

    private final RollingStats stats;
    private double last = Double.NaN;

    public ZScore(int period) {
        this.stats = new RollingStats(period);
    }

    public double update(double close) {
        stats.update(close);
        last = close;
        return value();
    }

    public double value() {
        if (!ready()) {
            return Double.NaN;
        }
        double sd = stats.stdDev();
        return sd == 0 ? 0 : (last - stats.mean()) / sd;
    }

    public double mean() {
        return stats.mean();
    }

    public double stdDev() {
        return stats.stdDev();
    }

    @Override
    public long count() {
        return stats.count();
    }

    @Override
    public int warmup() {
        return stats.warmup();
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeDouble(last);
        stats.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        last = in.readDouble();
        stats.read(in);
    }
}
