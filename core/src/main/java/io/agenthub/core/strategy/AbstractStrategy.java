package io.agenthub.core.strategy;

import io.agenthub.core.indicators.Indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The common shape of a strategy: update its indicators with the bar, then, once all are ready, compute a signal
 * clamped to [-1, 1]. Subclasses list their indicators once (for warm-up and state) and implement {@link #update}
 * and {@link #compute}; any extra state they keep goes through {@link #writeExtra}/{@link #readExtra}.
 */
public abstract class AbstractStrategy implements Strategy {

    private final Indicator[] indicators;
    private final int warmup;
    private double signal;
    private long bars;

    protected AbstractStrategy(List<? extends Indicator> indicators, int extraWarmup) {
        this.indicators = indicators.toArray(new Indicator[0]);
        int max = 0;
        for (Indicator indicator : this.indicators) {
            max = Math.max(max, indicator.warmup());
        }
        this.warmup = Math.max(1, max + extraWarmup);
    }

    @Override
    public final double onBar(long openTimeMillis, double open, double high, double low, double close, double volume) {
        bars++;
        double raw = update(open, high, low, close, volume);
        signal = ready() && !Double.isNaN(raw) ? Math.max(-1, Math.min(1, raw)) : 0;
        return signal;
    }

    /**
     * Feeds the bar to the indicators and returns the raw signal (clamped by the caller, ignored during warm-up).
     * Must not allocate.
     */
    protected abstract double update(double open, double high, double low, double close, double volume);

    @Override
    public final double signal() {
        return signal;
    }

    @Override
    public final int warmup() {
        return warmup;
    }

    @Override
    public final boolean ready() {
        return bars >= warmup;
    }

    @Override
    public final long barsSeen() {
        return bars;
    }

    @Override
    public final String explain() {
        if (!ready()) {
            return String.format(Locale.ROOT, "warming up: %d of %d bars", bars, warmup);
        }
        return String.format(Locale.ROOT, "signal %+.2f: %s", signal, describe());
    }

    /** The indicator values behind the last signal, for a human. */
    protected abstract String describe();

    @Override
    public final void write(DataOutput out) throws IOException {
        out.writeLong(bars);
        out.writeDouble(signal);
        for (Indicator indicator : indicators) {
            indicator.write(out);
        }
        writeExtra(out);
    }

    @Override
    public final void read(DataInput in) throws IOException {
        bars = in.readLong();
        signal = in.readDouble();
        for (Indicator indicator : indicators) {
            indicator.read(in);
        }
        readExtra(in);
    }

    protected void writeExtra(DataOutput out) throws IOException {
    }

    protected void readExtra(DataInput in) throws IOException {
    }

    /** {@code value / scale}, the usual way a distance becomes a signal. */
    protected static double scaled(double value, double scale) {
        return value / scale;
    }

    protected static String fmt(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.2f" : "%.4f", value);
    }
}
