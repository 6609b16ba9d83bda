package io.agenthub.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The last {@code capacity} values, oldest first, in a ring; the building block of rolling indicators. */
public final class Window {

    private final double[] values;
    private int start;
    private int size;

    public Window(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window holds at least one value, got " + capacity);
        }
        this.values = new double[capacity];
    }

    /** Adds a value; returns the one it pushed out, or NaN while filling. */
    public double add(double value) {
        if (size < values.length) {
            values[(start + size++) % values.length] = value;
            return Double.NaN;
        }
        double evicted = values[start];
        values[start] = value;
        start = (start + 1) % values.length;
        return evicted;
    }

    /** The {@code i}-th value, 0 = oldest. */
    public double get(int i) {
        return values[(start + i) % values.length];
    }

    /** The newest value. */
    public double last() {
        return get(size - 1);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return values.length;
    }

    public boolean full() {
        return size == values.length;
    }

    public void write(DataOutput out) throws IOException {
        out.writeShort(size);
        for (int i = 0; i < size; i++) {
            out.writeDouble(get(i));
        }
    }

    public void read(DataInput in) throws IOException {
        int n = in.readShort();
        if (n > values.length) {
            throw new IOException("window state holds " + n + " values, capacity is " + values.length);
        }
        start = 0;
        size = 0;
        for (int i = 0; i < n; i++) {
            add(in.readDouble());
        }
    }
}
