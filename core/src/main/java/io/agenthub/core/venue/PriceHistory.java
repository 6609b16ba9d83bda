package io.agenthub.core.venue;

import io.agenthub.core.market.TickKind;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The last ticks of one symbol as the paper venue saw them (time and exact price), so that an order fills at the first
 * price at or after the moment it was decided, however late the order reaches the venue: paper fills do not depend on
 * how busy the pipeline was.
 */
public final class PriceHistory {

    private final long[] times;
    private final BigDecimal[] prices;
    private final TickKind[] kinds;
    private int size;
    private int next;

    public PriceHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.times = new long[capacity];
        this.prices = new BigDecimal[capacity];
        this.kinds = new TickKind[capacity];
    }

    /** Records a trade; one older than the newest is ignored (false). */
    public boolean add(long time, BigDecimal price) {
        return add(time, price, TickKind.TRADE);
    }

    /** Records a tick; one older than the newest is ignored (false). */
    public boolean add(long time, BigDecimal price, TickKind kind) {
        if (size > 0 && time < newestTime()) {
            return false;
        }
        times[next] = time;
        prices[next] = price;
        kinds[next] = kind;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
        return true;
    }

    /** A price seen at a time, and what kind of tick it was. */
    public record Point(long time, BigDecimal price, TickKind kind) {
    }

    /**
     * The first tick at or after {@code time}; the oldest one kept when {@code time} is older than all of them; null
     * when no tick at or after {@code time} has been seen yet.
     */
    public Point firstAtOrAfter(long time) {
        // times only grow: a binary search (an order is mostly decided at one of the newest ticks)
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[index(mid)] >= time) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo == size) {
            return null;
        }
        int at = index(lo);
        return new Point(times[at], prices[at], kinds[at]);
    }

    /** Every tick kept, oldest first. */
    public java.util.List<Point> points() {
        java.util.List<Point> points = new java.util.ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            points.add(new Point(times[index(i)], prices[index(i)], kinds[index(i)]));
        }
        return points;
    }

    /** The newest tick, or null before any. */
    public Point newest() {
        return size == 0 ? null : new Point(times[index(size - 1)], prices[index(size - 1)], kinds[index(size - 1)]);
    }

    public long newestTime() {
        return size == 0 ? Long.MIN_VALUE : times[index(size - 1)];
    }

    private int index(int i) {
        return (next - size + i + times.length) % times.length;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            // written on every tick: unscaled value and scale, no text
            BigDecimal price = prices[index(i)];
            byte[] unscaled = price.unscaledValue().toByteArray();
            out.writeLong(times[index(i)]);
            out.writeInt(price.scale());
            out.writeByte(unscaled.length);
            out.write(unscaled);
        }
    }

    public void read(DataInput in) throws IOException {
        size = 0;
        next = 0;
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            long time = in.readLong();
            int scale = in.readInt();
            byte[] unscaled = new byte[in.readUnsignedByte()];
            in.readFully(unscaled);
            add(time, new BigDecimal(new BigInteger(unscaled), scale));
        }
    }
}
