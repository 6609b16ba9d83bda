package io.agenthub.processor;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;

/**
 * The market events (ticks and closed bars) an agent received while one of its orders was in flight, in the order they
 * came, to be given to it once the order is done. The agent then sees the market in event time whatever the order's
 * round trip took: an order that fills at a tick is followed by that tick and the ones after it, exactly as the
 * backtest engine steps (a decision never waits on the pipeline's speed). Bounded: past {@link #CAPACITY} events, newer
 * ones are counted as missed rather than kept.
 */
final class HeldMarket {

    static final int CAPACITY = 2048;

    /** A tick ({@code bar == false}: {@code open} is its price) or a closed bar of the agent's interval. */
    record Event(boolean bar, long time, long openTime, BigDecimal price, long symbolTicks, double open, double high, double low,
                 double close, double volume) {
    }

    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private long missed;

    void tick(long time, BigDecimal price, long symbolTicks) {
        add(new Event(false, time, 0, price, symbolTicks, 0, 0, 0, 0, 0));
    }

    void bar(long openTime, long closeTime, double open, double high, double low, double close, double volume) {
        add(new Event(true, closeTime, openTime, null, 0, open, high, low, close, volume));
    }

    private void add(Event event) {
        if (events.size() >= CAPACITY) {
            missed++;
        } else {
            events.addLast(event);
        }
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    int size() {
        return events.size();
    }

    /** The oldest event, if it happened before {@code time}; else null. */
    Event pollBefore(long time) {
        Event first = events.peekFirst();
        return first != null && first.time() < time ? events.pollFirst() : null;
    }

    Event poll() {
        return events.pollFirst();
    }

    /** Events that did not fit since the last call, and forgets them. */
    long takeMissed() {
        long n = missed;
        missed = 0;
        return n;
    }

    void clear() {
        events.clear();
        missed = 0;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(events.size());
        out.writeLong(missed);
        for (Event e : events) {
            out.writeBoolean(e.bar());
            out.writeLong(e.time());
            if (e.bar()) {
                out.writeLong(e.openTime());
                out.writeDouble(e.open());
                out.writeDouble(e.high());
                out.writeDouble(e.low());
                out.writeDouble(e.close());
                out.writeDouble(e.volume());
            } else {
                byte[] unscaled = e.price().unscaledValue().toByteArray();
                out.writeByte(unscaled.length);
                out.write(unscaled);
                out.writeInt(e.price().scale());
                out.writeLong(e.symbolTicks());
            }
        }
    }

    void read(DataInput in) throws IOException {
        clear();
        int n = in.readInt();
        missed = in.readLong();
        for (int i = 0; i < n; i++) {
            boolean bar = in.readBoolean();
            long time = in.readLong();
            if (bar) {
                events.addLast(new Event(true, time, in.readLong(), null, 0, in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble()));
            } else {
                byte[] unscaled = new byte[in.readByte()];
                in.readFully(unscaled);
                BigDecimal price = new BigDecimal(new BigInteger(unscaled), in.readInt());
                events.addLast(new Event(false, time, 0, price, in.readLong(), 0, 0, 0, 0, 0));
            }
        }
    }
}
