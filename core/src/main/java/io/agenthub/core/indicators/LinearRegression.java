package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Least-squares line through the last {@code period} closes (x = 0 for the oldest, period - 1 for the newest): slope,
 * the line's value at the newest bar, and the population standard deviation of the residuals. O(1) per bar: the sums
 * of y, x·y and y² slide with the window; values are taken relative to a reference that is recentred every period.
 */
public final class LinearRegression implements Indicator {

    private final int period;
    private final Window window;
    private final double sumX;
    private final double sumXX;
    private double k = Double.NaN;
    private final RollingSum sumY = new RollingSum();
    private final RollingSum sumXY = new RollingSum();
    private final RollingSum sumYY = new RollingSum();
    private long count;

    public LinearRegression(int period) {
        if (period < 2) {
            throw new IllegalArgumentException("a regression needs at least 2 bars, got " + period);
        }
        this.period = Periods.require(period, "linear regression");
        this.window = new Window(period);
        this.sumX = period * (period - 1) / 2.0;
        this.sumXX = (period - 1.0) * period * (2.0 * period - 1) / 6.0;
    }

    public void update(double close) {
        if (Double.isNaN(k)) {
            k = close;
        }
        double y = close - k;
        if (window.full()) {
            double old = window.get(0) - k;
            double previousSumY = sumY.value();
            sumXY.add(-previousSumY + old + (period - 1) * y);
            sumY.add(y - old);
            sumYY.add(y * y - old * old);
        } else {
            sumXY.add(window.size() * y);
            sumY.add(y);
            sumYY.add(y * y);
        }
        window.add(close);
        count++;
        if (window.full() && count % period == 0) {
            recentre();
        }
    }

    private void recentre() {
        k += sumY.value() / period;
        sumY.reset(0);
        sumXY.reset(0);
        sumYY.reset(0);
        for (int i = 0; i < period; i++) {
            double y = window.get(i) - k;
            sumY.add(y);
            sumXY.add(i * y);
            sumYY.add(y * y);
        }
    }

    public double slope() {
        if (!ready()) {
            return Double.NaN;
        }
        return (period * sumXY.value() - sumX * sumY.value()) / (period * sumXX - sumX * sumX);
    }

    private double interceptRelative() {
        return (sumY.value() - slope() * sumX) / period;
    }

    /** The regression line's value at the newest bar. */
    public double value() {
        return ready() ? k + interceptRelative() + slope() * (period - 1) : Double.NaN;
    }

    /** Population standard deviation of the closes around the line. */
    public double residualStdDev() {
        if (!ready()) {
            return Double.NaN;
        }
        double b = slope();
        double a = interceptRelative();
        double sse = sumYY.value() - 2 * a * sumY.value() - 2 * b * sumXY.value()
                + period * a * a + 2 * a * b * sumX + b * b * sumXX;
        return sse <= 0 ? 0 : Math.sqrt(sse / period);
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
        sumY.write(out);
        sumXY.write(out);
        sumYY.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        k = in.readDouble();
        window.read(in);
        sumY.read(in);
        sumXY.read(in);
        sumYY.read(in);
    }
}
