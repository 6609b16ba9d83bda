package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Wilder's directional movement: +DI and -DI from Wilder-smoothed +DM, -DM and true range, and ADX, the Wilder
 * average of {@code DX = 100 |+DI - -DI| / (+DI + -DI)}. +DI/-DI are ready after {@code period + 1} bars, ADX after
 * {@code 2 period}.
 */
public final class Adx implements Indicator {

    private final int period;
    private final Wilder plusDm;
    private final Wilder minusDm;
    private final Wilder trueRange;
    private final Wilder adx;
    private double previousHigh = Double.NaN;
    private double previousLow = Double.NaN;
    private double previousClose = Double.NaN;
    private long count;

    public Adx(int period) {
        this.period = Periods.require(period, "ADX");
        this.plusDm = new Wilder(period);
        this.minusDm = new Wilder(period);
        this.trueRange = new Wilder(period);
        this.adx = new Wilder(period);
    }

    public void update(double high, double low, double close) {
        count++;
        if (!Double.isNaN(previousClose)) {
            double up = high - previousHigh;
            double down = previousLow - low;
            plusDm.update(up > down && up > 0 ? up : 0);
            minusDm.update(down > up && down > 0 ? down : 0);
            trueRange.update(Atr.trueRange(high, low, previousClose));
            if (plusDm.ready()) {
                adx.update(dx());
            }
        }
        previousHigh = high;
        previousLow = low;
        previousClose = close;
    }

    private double dx() {
        double plus = plusDi();
        double minus = minusDi();
        double sum = plus + minus;
        return sum == 0 ? 0 : 100 * Math.abs(plus - minus) / sum;
    }

    public double plusDi() {
        if (!plusDm.ready()) {
            return Double.NaN;
        }
        double tr = trueRange.value();
        return tr == 0 ? 0 : 100 * plusDm.value() / tr;
    }

    public double minusDi() {
        if (!minusDm.ready()) {
            return Double.NaN;
        }
        double tr = trueRange.value();
        return tr == 0 ? 0 : 100 * minusDm.value() / tr;
    }

    public double adx() {
        return adx.ready() ? adx.value() : Double.NaN;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int warmup() {
        return 2 * period;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(previousHigh);
        out.writeDouble(previousLow);
        out.writeDouble(previousClose);
        plusDm.write(out);
        minusDm.write(out);
        trueRange.write(out);
        adx.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        previousHigh = in.readDouble();
        previousLow = in.readDouble();
        previousClose = in.readDouble();
        plusDm.read(in);
        minusDm.read(in);
        trueRange.read(in);
        adx.read(in);
    }
}
