package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Wilder's relative strength index over {@code period} changes of the close: average gain and loss Wilder-smoothed,
 * {@code RSI = 100 - 100 / (1 + gain / loss)}; 100 when there were no losses, 50 when the price did not move.
 */
public final class Rsi implements Indicator {

    private final int period;
    private final Wilder gains;
    private final Wilder losses;
    private double previous = Double.NaN;
    private long count;

    public Rsi(int period) {
        this.period = Periods.require(period, "RSI");
        this.gains = new Wilder(period);
        this.losses = new Wilder(period);
    }

    public double update(double close) {
        count++;
        if (!Double.isNaN(previous)) {
            double change = close - previous;
            gains.update(Math.max(change, 0));
            losses.update(Math.max(-change, 0));
        }
        previous = close;
        return value();
    }

    public double value() {
        if (!ready()) {
            return Double.NaN;
        }
        double gain = gains.value();
        double loss = losses.value();
        if (loss == 0) {
            return gain == 0 ? 50 : 100;
        }
        return 100 - 100 / (1 + gain / loss);
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
        out.writeDouble(previous);
        gains.write(out);
        losses.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        previous = in.readDouble();
        gains.read(in);
        losses.read(in);
    }
}
