package io.agenthub.core.broker;

import java.util.Objects;

/**
 * A change of an order at a venue, pushed to whoever listens: the order as it now stands, and the fill that changed it
 * (null for an acknowledgement, a cancellation or a rejection).
 *
 * @param account the venue account it happened in (the agent id at the paper venue)
 */
public record OrderUpdate(String account, VenueOrder order, Execution execution) {

    public OrderUpdate {
        Objects.requireNonNull(order, "order");
    }
}
