package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Keltner channel: EMA of the close ± {@code k} × ATR. */
public final class Keltner implements Indicator {

    private final Ema middle;
    private final Atr atr;
    private final double k;
    private long count;

    public Keltner(int emaPeriod, int atrPeriod, double k) {
        this.middle = new Ema(emaPeriod);
        this.atr = new Atr(atrPeriod);
        this.k = Periods.requirePositive(k, "Keltner width k");
    }

    public void update(double high, double low, double close) {
        count++;
        middle.update(close);
        atr.update(high, low, close);
    }

    public double middle() {
        return ready() ? middle.value() : Double.NaN;
    }

    public double upper() {
        return middle() + k * atr.value();
    }

    public double lower() {
        return middle() - k * atr.value();
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int warmup() {
        return Math.max(middle.warmup(), atr.warmup());
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        middle.write(out);
        atr.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        middle.read(in);
        atr.read(in);
    }
}
