package io.agenthub.core.broker;

/** Where an order stands at a venue. */
public enum OrderStatus {
    /** Accepted and working (a stop not yet triggered included); nothing filled yet. */
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    /** Cancelled by us, by the venue (an IOC's rest, a reduce-only order with nothing left to reduce) or expired. */
    CANCELLED,
    REJECTED;

    /** Whether it can still fill. */
    public boolean isOpen() {
        return this == NEW || this == PARTIALLY_FILLED;
    }
}
