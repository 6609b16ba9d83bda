package io.agenthub.processor;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The market log in a key-value state store, key {@code <symbol>#<seq>} (in order), one small record per event. What
 * no agent holds any more is removed ({@link #prune}); at most {@code cap} events are kept per symbol, the oldest going
 * first (an order in flight that long loses them, and the agent says so).
 */
final class StoredMarketLog implements MarketLog {

    private final KeyValueStore<String, byte[]> store;
    private final long cap;
    /** The lowest sequence still stored per symbol, once known (the store is the truth; this saves looking). */
    private final Map<String, Long> lowest = new HashMap<>();

    StoredMarketLog(KeyValueStore<String, byte[]> store, long cap) {
        this.store = store;
        this.cap = cap;
    }

    static String key(String symbol, long seq) {
        return symbol + "#" + String.format("%019d", seq);
    }

    @Override
    public void append(String symbol, Event event) {
        store.put(key(symbol, event.seq()), event.toBytes());
        lowest.putIfAbsent(symbol, event.seq());
        long floor = lowest.get(symbol);
        if (event.seq() - floor >= cap) {
            prune(symbol, event.seq() - cap + 1);
        }
    }

    @Override
    public long replay(String symbol, long fromSeq, Predicate<Event> step) {
        long first = -1;
        try (KeyValueIterator<String, byte[]> events = store.range(key(symbol, fromSeq), key(symbol, Long.MAX_VALUE))) {
            while (events.hasNext()) {
                Event event = Event.fromBytes(events.next().value);
                if (first < 0) {
                    first = event.seq();
                }
                if (!step.test(event)) {
                    break;
                }
            }
        }
        return first;
    }

    /** Removes the symbol's events before {@code seq}. */
    void prune(String symbol, long seq) {
        Long floor = lowest.get(symbol);
        if (floor == null) {
            floor = firstStored(symbol);
            if (floor == null) {
                lowest.put(symbol, seq);
                return;
            }
        }
        if (floor >= seq) {
            lowest.put(symbol, floor);
            return;
        }
        List<String> doomed = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> old = store.range(key(symbol, floor), key(symbol, seq - 1))) {
            while (old.hasNext()) {
                doomed.add(old.next().key);
            }
        }
        doomed.forEach(store::delete);
        lowest.put(symbol, seq);
    }

    private Long firstStored(String symbol) {
        try (KeyValueIterator<String, byte[]> first = store.range(key(symbol, 0), key(symbol, Long.MAX_VALUE))) {
            if (!first.hasNext()) {
                return null;
            }
            KeyValue<String, byte[]> entry = first.next();
            return Long.parseLong(entry.key.substring(entry.key.lastIndexOf('#') + 1));
        }
    }
}
