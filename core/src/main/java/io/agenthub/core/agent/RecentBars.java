package io.agenthub.core.agent;

import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The last few closed bars of an agent, oldest first: the market context of a planning request, and the history a
 * newly planned strategy warms up on. A fixed ring of primitives; it allocates nothing per bar.
 */
public final class RecentBars {

    private static final int FIELDS = 6;
    private final double[] values;
    private final int capacity;
    private int size;
    private int next;

    public RecentBars(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        this.values = new double[capacity * FIELDS];
    }

    public void add(long openTime, double open, double high, double low, double close, double volume) {
        if (capacity == 0) {
            return;
        }
        int at = next * FIELDS;
        values[at] = openTime;
        values[at + 1] = open;
        values[at + 2] = high;
        values[at + 3] = low;
        values[at + 4] = close;
        values[at + 5] = volume;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    public int size() {
        return size;
    }

    /** The i-th bar, 0 = oldest. */
    public long openTime(int i) {
        return (long) values[index(i)];
    }

    public double open(int i) {
        return values[index(i) + 1];
    }

    public double high(int i) {
        return values[index(i) + 2];
    }

    public double low(int i) {
        return values[index(i) + 3];
    }

    public double close(int i) {
        return values[index(i) + 4];
    }

    public double volume(int i) {
        return values[index(i) + 5];
    }

    private int index(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return ((next - size + i + capacity) % capacity) * FIELDS;
    }

    /** The bars, oldest first. */
    public BarSeries series(Symbol symbol, Timeframe timeframe) {
        BarSeries.Columns bars = new BarSeries.Columns(symbol, timeframe, size);
        for (int i = 0; i < size; i++) {
            bars.add(openTime(i), open(i), high(i), low(i), close(i), volume(i));
        }
        return bars.series();
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(openTime(i));
            for (int f = 1; f < FIELDS; f++) {
                out.writeDouble(values[index(i) + f]);
            }
        }
    }

    /** Reads what {@link #write} wrote; a ring smaller than what was written keeps the newest bars. */
    public void read(DataInput in) throws IOException {
        size = 0;
        next = 0;
        int written = in.readInt();
        for (int i = 0; i < written; i++) {
            long time = in.readLong();
            add(time, in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
        }
    }
}
