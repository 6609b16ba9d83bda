package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rolling mean and population standard deviation over the last {@code period} values, O(1) per value.
 *
 * <p>Sums are kept of the values minus a reference {@code k} so that the variance does not drown in cancellation
 * when prices are large and the window is calm; the reference moves to the window's mean every {@code period}
 * values (an O(period) recentring every period values, O(1) amortised).
 */
public final class RollingStats implements Indicator {

    private final int period;
    private final Window window;
    private double k = Double.NaN;
    private final RollingSum sum = new RollingSum();
    private final RollingSum sumSquares = new RollingSum();
    private long count;

    public RollingStats(int period) {
        this.period = Periods.require(period, "rolling statistics");
        this.window = new Window(period);
    }

    public void update(double value) {
        if (Double.isNaN(k)) {
            k = value;
        }
        double evicted = window.add(value);
        double d = value - k;
        sum.add(d);
        sumSquares.add(d * d);
        if (!Double.isNaN(evicted)) {
            double e = evicted - k;
            sum.add(-e);
            sumSquares.add(-e * e);
        }
        count++;
        if (window.full() && count % period == 0) {
            recentre();
        }
    }

    private void recentre() {
        k += sum.value() / period;
        sum.reset(0);
        sumSquares.reset(0);
        for (int i = 0; i < window.size(); i++) {
            double d = window.get(i) - k;
            sum.add(d);
            sumSquares.add(d * d);
        }
    }

    public double mean() {
        return ready() ? k + sum.value() / period : Double.NaN;
    }

    /** Population standard deviation. */
    public double stdDev() {
        if (!ready()) {
            return Double.NaN;
        }
        double m = sum.value() / period;
        double variance = sumSquares.value() / period - m * m;
        return variance <= 0 ? 0 : Math.sqrt(variance);
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
        out.writeDouble(k);
        window.write(out);
        sum.write(out);
        sumSquares.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        k = in.readDouble();
        window.read(in);
        sum.read(in);
        sumSquares.read(in);
    }
}
