package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Ichimoku Kinko Hyo (default 9/26/52): tenkan-sen and kijun-sen are the midpoints of the 9- and 26-bar ranges;
 * senkou span A ({@code (tenkan + kijun) / 2}) and B (midpoint of the 52-bar range) are plotted 26 bars ahead, so
 * the cloud at the current bar is the one computed 26 bars ago. The lagging span (chikou) looks back and is left
 * out: it would need the future.
 */
public final class Ichimoku implements Indicator {

    private final Donchian tenkan;
    private final Donchian kijun;
    private final Donchian senkouB;
    private final Window spanA;
    private final Window spanB;
    private final int displacement;
    private final int warmup;
    private long count;

    public Ichimoku(int tenkanPeriod, int kijunPeriod, int senkouBPeriod) {
        this.tenkan = new Donchian(tenkanPeriod);
        this.kijun = new Donchian(kijunPeriod);
        this.senkouB = new Donchian(senkouBPeriod);
        this.displacement = kijunPeriod;
        this.spanA = new Window(kijunPeriod + 1);
        this.spanB = new Window(kijunPeriod + 1);
        this.warmup = Math.max(senkouBPeriod, Math.max(tenkanPeriod, kijunPeriod)) + kijunPeriod;
    }

    public void update(double high, double low) {
        count++;
        tenkan.update(high, low);
        kijun.update(high, low);
        senkouB.update(high, low);
        spanA.add(tenkan.ready() && kijun.ready() ? (tenkan.middle() + kijun.middle()) / 2 : Double.NaN);
        spanB.add(senkouB.ready() ? senkouB.middle() : Double.NaN);
    }

    public double tenkan() {
        return tenkan.ready() ? tenkan.middle() : Double.NaN;
    }

    public double kijun() {
        return kijun.ready() ? kijun.middle() : Double.NaN;
    }

    /** Senkou span A in force at the current bar (computed {@code kijunPeriod} bars ago). */
    public double cloudA() {
        return spanA.full() ? spanA.get(0) : Double.NaN;
    }

    /** Senkou span B in force at the current bar. */
    public double cloudB() {
        return spanB.full() ? spanB.get(0) : Double.NaN;
    }

    public int displacement() {
        return displacement;
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
        tenkan.write(out);
        kijun.write(out);
        senkouB.write(out);
        spanA.write(out);
        spanB.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        tenkan.read(in);
        kijun.read(in);
        senkouB.read(in);
        spanA.read(in);
        spanB.read(in);
    }
}
