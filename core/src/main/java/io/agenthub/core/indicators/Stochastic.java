package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Fast stochastic oscillator: {@code %K = 100 (close - lowest low) / (highest high - lowest low)} over
 * {@code kPeriod} bars (50 when the range is empty), {@code %D} = SMA of %K over {@code dPeriod}.
 */
public final class Stochastic implements Indicator {

    private final Donchian range;
    private final Sma d;
    private final int kPeriod;
    private final int dPeriod;
    private double k = Double.NaN;
    private long count;

    public Stochastic(int kPeriod, int dPeriod) {
        this.range = new Donchian(kPeriod);
        this.d = new Sma(dPeriod);
        this.kPeriod = kPeriod;
        this.dPeriod = dPeriod;
    }

    public void update(double high, double low, double close) {
        count++;
        range.update(high, low);
        if (range.ready()) {
            double span = range.upper() - range.lower();
            k = span == 0 ? 50 : 100 * (close - range.lower()) / span;
            d.update(k);
        }
    }

    public double k() {
        return k;
    }

    public double d() {
        return d.value();
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int warmup() {
        return kPeriod + dPeriod - 1;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(k);
        range.write(out);
        d.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        k = in.readDouble();
        range.read(in);
        d.read(in);
    }
}
