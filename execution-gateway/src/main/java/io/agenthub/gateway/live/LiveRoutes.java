package io.agenthub.gateway.live;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.broker.Broker;

import java.util.Set;

/**
 * Where a live agent's orders go: the venue account its credentials open, as a {@link Broker}. The live executor asks
 * for a route before it sends anything; how accounts are opened (HashKey sessions, keys through the secret resolver)
 * is the implementation's. Updates of every routed account's orders go to the sink the implementation was given.
 */
public interface LiveRoutes extends AutoCloseable {

    sealed interface Route permits Routed, Unroutable {
    }

    /**
     * @param account names the venue account (agents that share it share its balances and positions; reconciliation
     *                adds their positions up per account)
     */
    record Routed(String account, Broker broker) implements Route {
    }

    /** Why the agent cannot trade at the venue now; {@code halt}: until a person acts. */
    record Unroutable(String code, String reason, boolean halt) implements Route {
    }

    Route route(LiveAgent agent);

    /** The agent's credentials are looked up again at its next order (its request's overrides changed or ended). */
    default void forget(AgentId agentId) {
    }

    /** Accounts whose order stream came back after a gap since the last call (their fills are caught up by REST). */
    Set<String> reconnected();

    /** Whether the venue banned our address (HTTP 418): no traffic until the ban is over. */
    boolean banned();

    @Override
    void close();
}
