package io.agenthub.core.trading;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Our id of an order, derived from what decided it: {@code <agentId>-<decisionSequence>-<leg>}. The same decision
 * always gets the same id, so a replayed or retried decision can never become a second order at the venue.
 */
public record ClientOrderId(String value) {

    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public ClientOrderId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 100) {
            throw new IllegalArgumentException("a client order id is 1-100 characters, got '" + value + "'");
        }
    }

    public static ClientOrderId of(String agentId, long decisionSequence, int leg) {
        if (!AGENT_ID.matcher(agentId).matches()) {
            throw new IllegalArgumentException("agent id '" + agentId + "' cannot be part of a client order id");
        }
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
