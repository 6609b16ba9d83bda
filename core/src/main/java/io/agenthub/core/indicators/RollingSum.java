package io.agenthub.core.indicators;

/**
 * A compensated (Kahan-Babuska) running sum: adding and subtracting a rolling window's values for tens of thousands
 * of bars keeps the error at the level of a single addition.
 */
public final class RollingSum {

    private double sum;
    private double compensation;

    public void add(double value) {
        double t = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation += (sum - t) + value;
        } else {
            compensation += (value - t) + sum;
        }
        sum = t;
    }

    public double value() {
        return sum + compensation;
    }

    public void reset(double value) {
        sum = value;
        compensation = 0;
    }

    public void write(java.io.DataOutput out) throws java.io.IOException {
        out.writeDouble(sum);
        out.writeDouble(compensation);
    }

    public void read(java.io.DataInput in) throws java.io.IOException {
        sum = in.readDouble();
        compensation = in.readDouble();
    }
}
