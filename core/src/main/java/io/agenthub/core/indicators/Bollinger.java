package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Bollinger bands: SMA of the close ± {@code k} population standard deviations. */
public final class Bollinger implements Indicator {

    private final RollingStats stats;
    private final double k;

    public Bollinger(int period, double k) {
        this.stats = new RollingStats(period);
        this.k = Periods.requirePositive(k, "Bollinger width k");
    }

    public void update(double close) {
        stats.update(close);
    }

    public double middle() {
        return stats.mean();
    }

    public double upper() {
        return stats.mean() + k * stats.stdDev();
    }

    public double lower() {
        return stats.mean() - k * stats.stdDev();
    }

    public double stdDev() {
        return stats.stdDev();
    }

    /** Band width relative to the middle: {@code (upper - lower) / middle}. */
    public double width() {
        return 2 * k * stats.stdDev() / stats.mean();
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
        stats.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        stats.read(in);
    }
}
