package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A one-dimensional Kalman filter estimating a price's fair value: the log of the fair value is a random walk with
 * variance {@code processVariance} per bar, and each log close observes it with noise of variance
 * {@code measurementVariance}. Working in logs makes both variances relative (0.0001 ≈ a 1 % standard deviation), so
 * the filter behaves the same at any price. The gain settles after a few bars; {@link #warmup()} waits for that.
 */
public final class Kalman implements Indicator {

    private final double processVariance;
    private final double measurementVariance;
    private final int warmup;
    private double logEstimate = Double.NaN;
    private double errorVariance;
    private long count;

    public Kalman(double processVariance, double measurementVariance, int warmup) {
        this.processVariance = Periods.requirePositive(processVariance, "Kalman process variance");
        this.measurementVariance = Periods.requirePositive(measurementVariance, "Kalman measurement variance");
        this.warmup = Periods.require(warmup, "Kalman warm-up");
    }

    public double update(double close) {
        count++;
        double observed = Math.log(close);
        if (Double.isNaN(logEstimate)) {
            logEstimate = observed;
            errorVariance = measurementVariance;
        } else {
            double predicted = errorVariance + processVariance;
            double gain = predicted / (predicted + measurementVariance);
            logEstimate += gain * (observed - logEstimate);
            errorVariance = (1 - gain) * predicted;
        }
        return value();
    }

    public double value() {
        return ready() ? Math.exp(logEstimate) : Double.NaN;
    }

    /** Standard deviation of a close around the estimate, relative (log units). */
    public double relativeStdDev() {
        return ready() ? Math.sqrt(errorVariance + measurementVariance) : Double.NaN;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int warmup() {
        return warmup;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(logEstimate);
        out.writeDouble(errorVariance);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        logEstimate = in.readDouble();
        errorVariance = in.readDouble();
    }
}
