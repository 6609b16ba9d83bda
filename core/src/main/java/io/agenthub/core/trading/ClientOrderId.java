package io.agenthub.core.trading;

import io.agenthub.core.ids.AgentId;
import java.util.Objects;

/**
 * Our id of an order, derived from what decided it: {@code <agentId>-<decisionSequence>-<leg>}. The same decision
 * always gets the same id, so a replayed or retried decision can never become a second order at the venue.
 */
public record ClientOrderId(String value) {

    public ClientOrderId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 100) {
            throw new IllegalArgumentException("a client order id is 1-100 characters, got '" + value + "'");
        }
    }

    public static ClientOrderId of(AgentId agentId, long decisionSequence, int leg) {
        if (decisionSequence < 0 || leg < 0 || leg > 99) {
            throw new IllegalArgumentException("decision sequence and leg must be non-negative (leg < 100)");
        }
        return new ClientOrderId(agentId + "-" + decisionSequence + "-" + leg);
    }

    @Override
    public String toString() {
        return value;
    }
}
