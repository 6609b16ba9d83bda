package io.agenthub.gateway.paper;

import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.TickKind;
import io.agenthub.core.venue.PriceHistory;
import io.agenthub.core.venue.PriceLog;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The paper venue's prices in a key-value state store, key {@code <symbol>#<event time>#<n>} (in time order), one
 * small record per tick and the last {@code perSymbol} ticks of each symbol kept: an order that reaches the venue long
 * after later ticks (a venue catching up reads ticks faster than orders, which take one more hop; a processor catching up
 * decides on old ticks) still fills at the first price after its decision, however fast the feed replays.
 */
final class StoredPriceLog implements PriceLog {

    private final KeyValueStore<String, byte[]> store;
    private final int perSymbol;
    /** Each symbol's keys, oldest first, read from the store once. */
    private final Map<String, Deque<String>> keys = new HashMap<>();

    StoredPriceLog(KeyValueStore<String, byte[]> store, int perSymbol) {
        this.store = store;
        this.perSymbol = perSymbol;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                String key = all.next().key;
                keys.computeIfAbsent(key.substring(0, key.indexOf('#')), s -> new ArrayDeque<>()).addLast(key);
            }
        }
    }

    @Override
    public void add(Symbol symbol, long time, BigDecimal price, TickKind kind) {
        String name = symbol.toString();
        Deque<String> symbolKeys = keys.computeIfAbsent(name, s -> new ArrayDeque<>());
        String prefix = name + "#" + String.format("%019d", time) + "#";
        String last = symbolKeys.peekLast();
        int n = last != null && last.startsWith(prefix) ? Integer.parseInt(last.substring(prefix.length())) + 1 : 0;
        String key = prefix + String.format("%06d", n);
        byte[] unscaled = price.unscaledValue().toByteArray();
        // the kind and the scale in the four bytes where a release before kinds kept the scale alone (its ticks read as trades)
        store.put(key, ByteBuffer.allocate(8 + 2 + 2 + unscaled.length).putLong(time).putShort((short) kind.ordinal())
                .putShort((short) price.scale()).put(unscaled).array());
        symbolKeys.addLast(key);
        while (symbolKeys.size() > perSymbol) {
            store.delete(symbolKeys.pollFirst());
        }
    }

    @Override
    public PriceHistory.Point firstAtOrAfter(Symbol symbol, long time) {
        String name = symbol.toString();
        try (KeyValueIterator<String, byte[]> found = store.range(name + "#" + String.format("%019d", Math.max(0, time)) + "#",
                name + "#" + String.format("%019d", Long.MAX_VALUE))) {
            if (!found.hasNext()) {
                return null;
            }
            KeyValue<String, byte[]> first = found.next();
            ByteBuffer bytes = ByteBuffer.wrap(first.value);
            long at = bytes.getLong();
            TickKind kind = TickKind.values()[bytes.getShort()];
            int scale = bytes.getShort();
            byte[] unscaled = new byte[bytes.remaining()];
            bytes.get(unscaled);
            return new PriceHistory.Point(at, new BigDecimal(new BigInteger(unscaled), scale), kind);
        }
    }
}
