package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** MACD: fast EMA minus slow EMA of the close, its signal line (an EMA of MACD) and the histogram (default 12/26/9). */
public final class Macd implements Indicator {

    private final Ema fast;
    private final Ema slow;
    private final Ema signal;
    private final int slowPeriod;
    private final int signalPeriod;
    private long count;

    public Macd(int fastPeriod, int slowPeriod, int signalPeriod) {
        if (fastPeriod >= slowPeriod) {
            throw new IllegalArgumentException("MACD fast period " + fastPeriod + " must be below the slow period " + slowPeriod);
        }
        this.fast = new Ema(fastPeriod);
        this.slow = new Ema(slowPeriod);
        this.signal = new Ema(signalPeriod);
        this.slowPeriod = slowPeriod;
        this.signalPeriod = signalPeriod;
    }

    public void update(double close) {
        count++;
        fast.update(close);
        slow.update(close);
        if (slow.ready()) {
            signal.update(macd());
        }
    }

    public double macd() {
        return slow.ready() ? fast.value() - slow.value() : Double.NaN;
    }

    public double signal() {
        return signal.ready() ? signal.value() : Double.NaN;
    }

    public double histogram() {
        return macd() - signal();
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int warmup() {
        return slowPeriod + signalPeriod - 1;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        fast.write(out);
        slow.write(out);
        signal.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        fast.read(in);
        slow.read(in);
        signal.read(in);
    }
}
