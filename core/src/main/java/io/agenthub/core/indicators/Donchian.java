package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The Donchian channel: highest high and lowest low of the last {@code period} bars, in O(1) amortised per bar: two monotonic deques over
 * bar indices, each bounded by the period.
 */
public final class Donchian implements Indicator {

    private final int period;
    private final Deque highs;
    private final Deque lows;
    private long count;

    public Donchian(int period) {
        this.period = Periods.require(period, "Donchian");
        this.highs = new Deque(period);
        this.lows = new Deque(period);
    }

    public void update(double high, double low) {
        long index = count++;
        highs.push(index, high, true);
        lows.push(index, low, false);
        highs.expire(index - period);
        lows.expire(index - period);
    }

    public double upper() {
        return ready() ? highs.front() : Double.NaN;
    }

    public double lower() {
        return ready() ? lows.front() : Double.NaN;
    }

    /** Midpoint of the range, the Ichimoku / Donchian middle line. */
    public double middle() {
        return (upper() + lower()) / 2;
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
        highs.write(out);
        lows.write(out);
    }

    @Override
    public void read(DataInput in) throws IOException {
        count = in.readLong();
        highs.read(in);
        lows.read(in);
    }

    /** Indices and values, values monotonic from front to back (decreasing for highs, increasing for lows). */
    private static final class Deque {
        private final long[] indices;
        private final double[] values;
        private int head;
        private int size;

        Deque(int capacity) {
            indices = new long[capacity + 1];
            values = new double[capacity + 1];
        }

        void push(long index, double value, boolean keepMax) {
            while (size > 0) {
                double back = values[(head + size - 1) % values.length];
                if (keepMax ? back <= value : back >= value) {
                    size--;
                } else {
                    break;
                }
            }
            int slot = (head + size) % values.length;
            indices[slot] = index;
            values[slot] = value;
            size++;
        }

        void expire(long lastExpired) {
            while (size > 0 && indices[head] <= lastExpired) {
                head = (head + 1) % values.length;
                size--;
            }
        }

        double front() {
            return values[head];
        }

        void write(DataOutput out) throws IOException {
            out.writeShort(size);
            for (int i = 0; i < size; i++) {
                int slot = (head + i) % values.length;
                out.writeLong(indices[slot]);
                out.writeDouble(values[slot]);
            }
        }

        void read(DataInput in) throws IOException {
            int n = in.readShort();
            if (n > values.length) {
                throw new IOException("deque state holds " + n + " entries, capacity is " + values.length);
            }
            head = 0;
            size = n;
            for (int i = 0; i < n; i++) {
                indices[i] = in.readLong();
                values[i] = in.readDouble();
            }
        }
    }
}
