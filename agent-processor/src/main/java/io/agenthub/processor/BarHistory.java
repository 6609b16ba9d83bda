package io.agenthub.processor;

import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed one-minute bars of every symbol a task sees, for the last {@code keep} of event time: what an agent warms
 * its indicators on when it starts, and what a longer bar that opens while the task is already watching the symbol is
 * completed from. One record per symbol and minute ({@code <symbol>@<open time, 16 hex digits>}, so a symbol's minutes
 * sort by time), written when the minute closes; only minutes the task saw whole are kept.
 *
 * <p>Bars of a longer interval are folded from the minutes by {@link BarSeries#aggregate} on epoch-aligned boundaries,
 * the same bars as the live ones of {@link SymbolMarket}; an interval that is not a whole number of minutes has no
 * history.
 */
final class BarHistory {

    static final int MINUTE_SECONDS = 60;
    static final long MINUTE_MILLIS = MINUTE_SECONDS * 1000L;
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

    /** The stored minutes of {@code [from, to)}, oldest first; the caller knows whether the task saw the whole span. */
    List<Bar> between(Symbol symbol, long from, long to) {
        List<Bar> minutes = new ArrayList<>();
        if (keepMillis <= 0 || to <= from) {
            return minutes;
        }
        try (KeyValueIterator<String, byte[]> it = store.range(key(symbol.toString(), from), key(symbol.toString(), to - 1))) {
            while (it.hasNext()) {
                var entry = it.next();
                ByteBuffer value = ByteBuffer.wrap(entry.value);
                minutes.add(new Bar(symbol, Timeframe.ONE_MINUTE, Instant.ofEpochMilli(openTime(entry.key)), decimal(value), decimal(value),
                        decimal(value), decimal(value), decimal(value)));
            }
        }
        return minutes;
    }

    /** A stored double as the shortest decimal that reads back as it: the tick's own decimal for any real price. */
    private static BigDecimal decimal(ByteBuffer value) {
        return BigDecimal.valueOf(value.getDouble());
    }

    /**
     * The last {@code count} stored bars of {@code intervalSeconds} that close at or before {@code until}, oldest first,
     * folded from the minutes by {@link BarSeries#aggregate} (the backtest's own resampling); fewer when the history is
     * shorter, none when the interval is not a whole number of minutes. A bar whose start lies before the first stored
     * minute is left out (it would be partial).
     */
    BarSeries last(Symbol symbol, int intervalSeconds, long until, int count) {
        Timeframe timeframe = Timeframe.ofSeconds(intervalSeconds);
        if (intervalSeconds % MINUTE_SECONDS != 0 || count <= 0 || keepMillis <= 0) {
            return BarSeries.empty(symbol, timeframe);
        }
        long length = timeframe.millis();
        long end = Math.floorDiv(until, length) * length;
        long from = Math.max(0, end - count * length);
        Long first = firstMinute(symbol.toString());
        if (first == null || end <= from) {
            return BarSeries.empty(symbol, timeframe);
        }
        BarSeries.Columns minutes = new BarSeries.Columns(symbol, Timeframe.ONE_MINUTE, (int) Math.min((end - from) / MINUTE_MILLIS, 1 << 16));
        try (KeyValueIterator<String, byte[]> it = store.range(key(symbol.toString(), from), key(symbol.toString(), end - 1))) {
            while (it.hasNext()) {
                var entry = it.next();
                ByteBuffer value = ByteBuffer.wrap(entry.value);
                minutes.add(openTime(entry.key), value.getDouble(), value.getDouble(), value.getDouble(), value.getDouble(), value.getDouble());
            }
        }
        BarSeries bars = minutes.series().aggregate(timeframe);
        return bars.size() > 0 && bars.openTime(0) < first ? bars.drop(1) : bars;
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
