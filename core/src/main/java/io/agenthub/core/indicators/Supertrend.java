package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Supertrend: bands at {@code (high + low) / 2 ± k × ATR} that only tighten while the trend holds; the trend turns up
 * when the close crosses above the final upper band and down when it crosses below the final lower band. The line is
 * the lower band in an uptrend and the upper band in a downtrend.
 */
public final class Supertrend implements Indicator {

    private final Atr atr;
    private final double k;
    private double finalUpper = Double.NaN;
    private double finalLower = Double.NaN;
    private double previousClose = Double.NaN;
    private int direction;
    private boolean flipped;
    private long count;

    public Supertrend(int atrPeriod, double k) {
        this.atr = new Atr(atrPeriod);
        this.k = Periods.requirePositive(k, "Supertrend multiplier k");
    }

    public void update(double high, double low, double close) {
        count++;
        atr.update(high, low, close);
        flipped = false;
        if (atr.ready()) {
            double mid = (high + low) / 2;
            double basicUpper = mid + k * atr.value();
            double basicLower = mid - k * atr.value();
            double upper = Double.isNaN(finalUpper) || basicUpper < finalUpper || previousClose > finalUpper ? basicUpper : finalUpper;
            double lower = Double.isNaN(finalLower) || basicLower > finalLower || previousClose < finalLower ? basicLower : finalLower;
            int next = direction == 0 ? (close >= mid ? 1 : -1)
                    : direction > 0 ? (close < lower ? -1 : 1)
                    : (close > upper ? 1 : -1);
            flipped = direction != 0 && next != direction;
            direction = next;
            finalUpper = upper;
            finalLower = lower;
        }
        previousClose = close;
    }

    /** +1 uptrend, -1 downtrend, 0 before the first value. */
    public int direction() {
        return direction;
    }

    /** Whether the last bar turned the trend. */
    public boolean flipped() {
        return flipped;
    }

    public double line() {
        return direction > 0 ? finalLower : direction < 0 ? finalUpper : Double.NaN;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int warmup() {
        return atr.warmup();
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        atr.write(out);
        out.writeDouble(finalUpper);
        out.writeDouble(finalLower);
        out.writeDouble(previousClose);
        out.writeInt(direction);
        out.writeBoolean(flipped);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        atr.read(in);
        finalUpper = in.readDouble();
        finalLower = in.readDouble();
        previousClose = in.readDouble();
        direction = in.readInt();
        flipped = in.readBoolean();
    }
}
