package io.agenthub.ingest.feed.hashkey;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/** The last {@code capacity} trade ids seen, to drop trades the venue pushes twice; bounded memory. */
final class TradeIdWindow {

    private final int capacity;
    private final ArrayDeque<String> order;
    private final Set<String> ids;

    TradeIdWindow(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.order = new ArrayDeque<>(Math.min(capacity, 1024));
        this.ids = HashSet.newHashSet(Math.min(capacity, 1024));
    }

    /** Remembers {@code id}; false if it is already remembered (a duplicate). */
    boolean add(String id) {
        if (!ids.add(id)) {
            return false;
        }
        order.addLast(id);
        if (order.size() > capacity) {
            ids.remove(order.removeFirst());
        }
        return true;
    }
}
