package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rolling volume-weighted average of the typical price {@code (high + low + close) / 3} over {@code period} bars;
 * with no volume in the window, the plain average of the typical price.
 */
public final class Vwap implements Indicator {

    private final int period;
    private final Window priceVolume;
    private final Window volumes;
    private final Window prices;
    private final RollingSum sumPriceVolume = new RollingSum();
    private final RollingSum sumVolume = new RollingSum();
    private final RollingSum sumPrice = new RollingSum();
    private long count;

    public Vwap(int period) {
        this.period = Periods.require(period, "VWAP");
        this.priceVolume = new Window(period);
        this.volumes = new Window(period);
        this.prices = new Window(period);
    }

    public double update(double high, double low, double close, double volume) {
        count++;
        double typical = (high + low + close) / 3;
        roll(priceVolume, sumPriceVolume, typical * volume);
        roll(volumes, sumVolume, volume);
        roll(prices, sumPrice, typical);
        return value();
    }

    private static void roll(Window window, RollingSum sum, double value) {
        double evicted = window.add(value);
        sum.add(value);
        if (!Double.isNaN(evicted)) {
            sum.add(-evicted);
        }
    }

    public double value() {
        if (!ready()) {
            return Double.NaN;
        }
        double volume = sumVolume.value();
        // rolling sums of exact zeros can leave a rounding residue: below 1e-12 the window had no volume
        return volume > 1e-12 ? sumPriceVolume.value() / volume : sumPrice.value() / period;
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
        priceVolume.write(out);
        volumes.write(out);
        prices.write(out);
        sumPriceVolume.write(out);
        sumVolume.write(out);
        sumPrice.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        priceVolume.read(in);
        volumes.read(in);
        prices.read(in);
        sumPriceVolume.read(in);
        sumVolume.read(in);
        sumPrice.read(in);
    }
}
