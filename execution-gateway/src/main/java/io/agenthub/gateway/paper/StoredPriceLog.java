package io.agenthub.gateway.paper;

import io.agenthub.core.market.Symbol;
import io.agenthub.core.venue.PriceHistory;
import io.agenthub.core.venue.PriceLog;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The paper venue's prices in a windowed state store (key the symbol, time the tick's event time): one small record
 * per tick, kept for the store's retention of event time and looked up by time, so that an order that reaches the venue
 * long after later ticks (a venue catching up reads ticks faster than orders) still fills at the first price after its
 * decision.
 */
final class StoredPriceLog implements PriceLog {

    private final WindowStore<String, byte[]> store;

    StoredPriceLog(WindowStore<String, byte[]> store) {
        this.store = store;
    }

    @Override
    public void add(Symbol symbol, long time, BigDecimal price) {
        byte[] unscaled = price.unscaledValue().toByteArray();
        store.put(symbol.toString(), ByteBuffer.allocate(4 + unscaled.length).putInt(price.scale()).put(unscaled).array(), time);
    }

    @Override
    public PriceHistory.Point firstAtOrAfter(Symbol symbol, long time) {
        try (WindowStoreIterator<byte[]> found = store.fetch(symbol.toString(), Instant.ofEpochMilli(Math.max(0, time)), Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
            if (!found.hasNext()) {
                return null;
            }
            KeyValue<Long, byte[]> first = found.next();
            ByteBuffer bytes = ByteBuffer.wrap(first.value);
            int scale = bytes.getInt();
            byte[] unscaled = new byte[bytes.remaining()];
            bytes.get(unscaled);
            return new PriceHistory.Point(first.key, new BigDecimal(new BigInteger(unscaled), scale));
        }
    }
}
