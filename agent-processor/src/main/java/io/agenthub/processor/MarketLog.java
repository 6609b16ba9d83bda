package io.agenthub.processor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The market events (ticks, and closed bars of each interval) of a task's symbols, numbered per symbol, logged while
 * some agent of the symbol holds them: an agent with an order in flight decides nothing, remembers where it stopped
 * ({@code seq}), and once the order is done steps through the log from there. One small record per event, whatever
 * the number of agents waiting; in the task a key-value store keeps what some agent still holds (at most
 * {@code held-events} per symbol).
 */
interface MarketLog {

    /**
     * One event: a tick ({@code bar == false}: {@code price}, and the symbol's tick count for log sampling) or a bar of
     * {@code interval} seconds that closed at {@code time}; {@code cause} is the id of the input event (the tick, or the
     * tick or watermark that closed the bar) that a decision on it was caused by.
     */
    record Event(long seq, boolean bar, int interval, long time, long openTime, BigDecimal price, long symbolTicks, double open,
                 double high, double low, double close, double volume, String cause) {

        /** Kinds on the wire: 0 and 1 (a tick, a bar) from before events had a cause, 2 and 3 with it. */
        private static final byte TICK = 2;
        private static final byte BAR = 3;

        static Event tick(long seq, long time, BigDecimal price, long symbolTicks, String cause) {
            return new Event(seq, false, 0, time, 0, price, symbolTicks, 0, 0, 0, 0, 0, cause);
        }

        static Event bar(long seq, int interval, long openTime, long closeTime, double open, double high, double low, double close, double volume,
                         String cause) {
            return new Event(seq, true, interval, closeTime, openTime, null, 0, open, high, low, close, volume, cause);
        }

        byte[] toBytes() {
            byte[] id = cause == null ? new byte[0] : cause.getBytes(StandardCharsets.UTF_8);
            if (bar) {
                return ByteBuffer.allocate(1 + 8 + 4 + 8 + 8 + 5 * 8 + 2 + id.length).put(BAR).putLong(seq).putInt(interval).putLong(time)
                        .putLong(openTime).putDouble(open).putDouble(high).putDouble(low).putDouble(close).putDouble(volume)
                        .putShort((short) id.length).put(id).array();
            }
            byte[] unscaled = price.unscaledValue().toByteArray();
            return ByteBuffer.allocate(1 + 8 + 8 + 8 + 2 + id.length + 4 + unscaled.length).put(TICK).putLong(seq).putLong(time)
                    .putLong(symbolTicks).putShort((short) id.length).put(id).putInt(price.scale()).put(unscaled).array();
        }

        static Event fromBytes(byte[] bytes) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte kind = in.get();
            if (kind == 1 || kind == BAR) {
                // arguments are read in order, as they were written: the cause comes last
                return new Event(in.getLong(), true, in.getInt(), in.getLong(), in.getLong(), null, 0, in.getDouble(), in.getDouble(),
                        in.getDouble(), in.getDouble(), in.getDouble(), kind == BAR ? cause(in) : null);
            }
            long seq = in.getLong();
            long time = in.getLong();
            long ticks = in.getLong();
            String cause = kind == TICK ? cause(in) : null;
            int scale = in.getInt();
            byte[] unscaled = new byte[in.remaining()];
            in.get(unscaled);
            return new Event(seq, false, 0, time, 0, new BigDecimal(new BigInteger(unscaled), scale), ticks, 0, 0, 0, 0, 0, cause);
        }

        private static String cause(ByteBuffer in) {
            byte[] id = new byte[in.getShort()];
            in.get(id);
            return id.length == 0 ? null : new String(id, StandardCharsets.UTF_8);
        }
    }

    void append(String symbol, Event event);

    /**
     * Gives {@code step} the symbol's events from {@code fromSeq} on, in order, until it returns false.
     *
     * @return the sequence of the first event given, or -1 when there was none
     */
    long replay(String symbol, long fromSeq, Predicate<Event> step);

    /** Every event kept in memory (tests). */
    static MarketLog inMemory() {
        Map<String, List<Event>> events = new HashMap<>();
        return new MarketLog() {
            @Override
            public void append(String symbol, Event event) {
                events.computeIfAbsent(symbol, s -> new ArrayList<>()).add(event);
            }

            @Override
            public long replay(String symbol, long fromSeq, Predicate<Event> step) {
                long first = -1;
                for (Event event : List.copyOf(events.getOrDefault(symbol, List.of()))) {
                    if (event.seq() < fromSeq) {
                        continue;
                    }
                    if (first < 0) {
                        first = event.seq();
                    }
                    if (!step.test(event)) {
                        break;
                    }
                }
                return first;
            }
        };
    }
}
