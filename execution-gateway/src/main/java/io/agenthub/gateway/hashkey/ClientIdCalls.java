package io.agenthub.gateway.hashkey;

import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.trading.ClientOrderId;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** What the spot and perpetual brokers do alike around an order's client id. */
final class ClientIdCalls {

    /** The venue's codes for "no such order" (spot, perpetual). */
    private static final Set<String> NOT_FOUND = Set.of("-1143", "0211", "-2013");

    private ClientIdCalls() {
    }

    static boolean notFound(BrokerException e) {
        return NOT_FOUND.contains(e.code());
    }

    /**
     * Sends a cancel, then asks what the order is: the cancel reply shows it before the cancel took effect. The venue's
     * "no such order" becomes {@code ORDER_NOT_FOUND}.
     */
    static VenueOrder cancel(ClientOrderId id, Runnable send, Supplier<Optional<VenueOrder>> query) {
        try {
            send.run();
        } catch (BrokerException e) {
            if (notFound(e)) {
                throw BrokerException.refused("ORDER_NOT_FOUND", "HashKey has no order " + id + " to cancel");
            }
            throw e;
        }
        return query.get().orElseThrow(() -> new BrokerException(BrokerException.Outcome.UNKNOWN, 0, null,
                "order " + id + " cancelled but not found afterwards"));
    }
}
