package io.agenthub.processor;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed one-minute bars of every symbol a task sees, for the last {@code keep} of event time: what an agent warms
 * its indicators on when it starts, and what a longer bar that opens while the task is already watching the symbol is
 * completed from. One record per symbol and minute ({@code <symbol>@<open time, 16 hex digits>}, so a symbol's minutes
 * sort by time), written when the minute closes; only minutes the task saw whole are kept.
 *
 * <p>Bars of a longer interval are folded from the minutes (open of the first, extremes, close of the last, volume
 * summed) on epoch-aligned boundaries, the same as the live bars of {@link SymbolMarket}; an interval that is not a
 * whole number of minutes has no history.
 */
final class BarHistory {

    static final int MINUTE_SECONDS = 60;
    private static final int VALUE_BYTES = 5 * Double.BYTES;

    private final KeyValueStore<String, byte[]> store;
    private final long keepMillis;

    BarHistory(KeyValueStore<String, byte[]> store, long keepMillis) {
        this.store = store;
        this.keepMillis = keepMillis;
    }

    /** No history (a processor told to keep none): agents warm up on live bars. */
    static BarHistory none() {
        return new BarHistory(null, 0);
    }

    /** One folded bar: open, high, low, close, volume over {@code [openTime, openTime + length)}. */
    record Folded(long openTime, double open, double high, double low, double close, double volume) {
    }

    /** A minute that closed, seen whole; minutes older than {@code keep} before it are forgotten. */
    void add(String symbol, long openTime, double open, double high, double low, double close, double volume) {
        if (keepMillis <= 0) {
            return;
        }
        store.put(key(symbol, openTime), ByteBuffer.allocate(VALUE_BYTES)
                .putDouble(open).putDouble(high).putDouble(low).putDouble(close).putDouble(volume).array());
        long horizon = openTime - keepMillis;
        if (horizon >= 0) {
            List<String> old = new ArrayList<>(1);
            try (KeyValueIterator<String, byte[]> it = store.range(key(symbol, 0), key(symbol, horizon))) {
                it.forEachRemaining(entry -> old.add(entry.key));
            }
            old.forEach(store::delete);
        }
    }

    /**
     * The minutes of {@code [from, to)} folded into one bar, or null when none is stored. The caller knows whether the
     * task saw the whole span.
     */
    Folded fold(String symbol, long from, long to) {
        if (keepMillis <= 0) {
            return null;
        }
        List<Folded> one = bars(symbol, to - from, from, to);
        return one.isEmpty() ? null : one.getFirst();
    }

    /**
     * The last {@code count} stored bars of {@code intervalSeconds} that close at or before {@code until}, oldest first;
     * fewer when the history is shorter, none when the interval is not a whole number of minutes. A bar whose start
     * lies before the first stored minute is left out (it would be partial).
     */
    List<Folded> last(String symbol, int intervalSeconds, long until, int count) {
        if (intervalSeconds % MINUTE_SECONDS != 0 || count <= 0 || keepMillis <= 0) {
            return List.of();
        }
        long length = intervalSeconds * 1000L;
        long end = Math.floorDiv(until, length) * length;
        long from = Math.max(0, end - count * length);
        Long first = firstMinute(symbol);
        if (first == null) {
            return List.of();
        }
        List<Folded> bars = bars(symbol, length, from, end);
        if (!bars.isEmpty() && bars.getFirst().openTime() < first) {
            bars = bars.subList(1, bars.size());
        }
        return bars;
    }

    private List<Folded> bars(String symbol, long length, long from, long to) {
        List<Folded> out = new ArrayList<>();
        if (to <= from) {
            return out;
        }
        long bucket = Long.MIN_VALUE;
        double open = 0;
        double high = 0;
        double low = 0;
        double close = 0;
        double volume = 0;
        try (KeyValueIterator<String, byte[]> it = store.range(key(symbol, from), key(symbol, to - 1))) {
            while (it.hasNext()) {
                var entry = it.next();
                long minute = openTime(entry.key);
                ByteBuffer value = ByteBuffer.wrap(entry.value);
                long start = Math.floorDiv(minute, length) * length;
                if (start != bucket) {
                    if (bucket != Long.MIN_VALUE) {
                        out.add(new Folded(bucket, open, high, low, close, volume));
                    }
                    bucket = start;
                    open = value.getDouble();
                    high = value.getDouble();
                    low = value.getDouble();
                    close = value.getDouble();
                    volume = value.getDouble();
                } else {
                    value.getDouble();
                    high = Math.max(high, value.getDouble());
                    low = Math.min(low, value.getDouble());
                    close = value.getDouble();
                    volume += value.getDouble();
                }
            }
        }
        if (bucket != Long.MIN_VALUE) {
            out.add(new Folded(bucket, open, high, low, close, volume));
        }
        return out;
    }

    private Long firstMinute(String symbol) {
        try (KeyValueIterator<String, byte[]> it = store.range(key(symbol, 0), key(symbol, Long.MAX_VALUE))) {
            return it.hasNext() ? openTime(it.next().key) : null;
        }
    }

    static String key(String symbol, long openTime) {
        String hex = Long.toHexString(openTime);
        return symbol + "@" + "0".repeat(16 - hex.length()) + hex;
    }

    private static long openTime(String key) {
        return Long.parseUnsignedLong(key.substring(key.length() - 16), 16);
    }
}
