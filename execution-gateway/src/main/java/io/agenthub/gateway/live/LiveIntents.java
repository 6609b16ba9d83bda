package io.agenthub.gateway.live;

import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Side;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.orders.OrderEvents;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The intents of live agents: each either refused here (a halted or unroutable agent, a banned address, a failed
 * reconciliation, an entry decided too long ago) or sent through {@link LiveOrders#submit}; an intent seen again is
 * never sent twice, the venue is asked what became of it instead. An agent is reconciled with its account before its
 * first order after a start or a lifted halt, and an agent's own exit takes the venue-side stop orders away first.
 */
final class LiveIntents {

    private static final Logger log = LoggerFactory.getLogger(LiveIntents.class);
    /** Venue refusals that stop the agent: sending its next order would be refused the same way. */
    private static final Set<String> HALTING = Set.of("LEVERAGE_ABOVE_VENUE_CAP", "CREDENTIALS_MISSING", "VENUE_BANNED", "RECONCILIATION_FAILED",
            "LEVERAGE_ON_SPOT");

    private final LiveJournal journal;
    private final LiveRoutes routes;
    private final LiveTransaction unit;
    private final LiveHalts halts;
    private final LiveOrders orders;
    private final LiveGuards guards;
    private final LiveReconciler reconciler;
    private final LiveExecutor.Settings settings;
    private final Clock clock;

    LiveIntents(LiveJournal journal, LiveRoutes routes, LiveTransaction unit, LiveHalts halts, LiveOrders orders, LiveGuards guards,
                LiveReconciler reconciler, LiveExecutor.Settings settings, Clock clock) {
        this.journal = journal;
        this.routes = routes;
        this.unit = unit;
        this.halts = halts;
        this.orders = orders;
        this.guards = guards;
        this.reconciler = reconciler;
        this.settings = settings;
        this.clock = clock;
    }

    /** A live agent's intent: refused and reported, or sent; either way settled with its offset in one transaction. */
    void onIntent(OrderIntent intent, Map<TopicPartition, OffsetAndMetadata> offsets) {
        long now = clock.millis();
        LiveAgent agent = journal.agent(intent.getAgentId());
        if (agent.ownerId == null) {
            agent.ownerId = intent.getOwnerId();
        }
        if (agent.symbol == null) {
            agent.symbol = Symbol.parse(intent.getSymbol());
            agent.leverage = Math.max(1, intent.getLeverage());
        }
        OrderCommand command;
        try {
            command = OrderEvents.command(intent);
        } catch (RuntimeException e) {
            LiveOrder refused = new LiveOrder(new ClientOrderId(intent.getClientOrderId()), agent.agentId, intent.getEventId(),
                    agent.symbol, Side.valueOf(intent.getSide().name()), BigDecimal.ONE, intent.getReduceOnly(),
                    intent.getEventTime().toEpochMilli());
            orders.settleRefused(refused, "INVALID_ORDER", e.getMessage(), false, now);
            unit.commit(offsets);
            return;
        }
        LiveOrder seen = journal.order(command.clientOrderId());
        if (seen != null) {
            // asked again for an order already taken: it is never sent twice; what became of it is asked instead
            if (!seen.isSettled()) {
                orders.resolve(seen);
            }
            unit.commit(offsets);
            return;
        }
        LiveOrder order = LiveOrder.of(agent.agentId, command);
        order.updatedAt = now;
        String refusal = refusal(agent, order, command, now);
        if (refusal != null) {
            unit.commit(offsets);
            return;
        }
        LiveRoutes.Routed route = (LiveRoutes.Routed) routes.route(agent);
        agent.perpetual = agent.tradesPerpetual();
        if (command.reduceOnly()) {
            // the agent closes the position itself: the venue's stop orders stand aside first, so none claims it twice
            guards.liftBoth(agent, route);
        }
        try {
            VenueOrder placed = orders.submit(agent, order, command, route.broker());
            order.venueOrderId = placed.venueOrderId();
            order.updatedAt = placed.updatedAt();
            orders.adopt(order, placed, route.broker(), false);
        } catch (BrokerException e) {
            switch (e.outcome()) {
                case REFUSED -> {
                    boolean halt = HALTING.contains(e.code());
                    orders.settleRefused(order, e.code() == null ? "REFUSED" : e.code(), e.getMessage(), halt, now);
                    if (halt) {
                        halts.haltAgent(agent, e.code(), e.getMessage());
                    }
                }
                case DUPLICATE -> orders.resolve(order);
                case UNKNOWN -> {
                    log.warn("agent {}: order {} sent with an unknown outcome ({}); the venue is asked before anything else", agent.agentId,
                            order.clientOrderId, e.getMessage());
                    order.state = LiveOrder.State.UNKNOWN;
                    order.unknownSince = now;
                    if (e.banned()) {
                        halts.haltVenue(e.getMessage());
                    } else if (!e.throttled()) {
                        orders.resolve(order);
                    }
                }
            }
        }
        unit.journal(order);
        unit.commit(offsets);
    }

    /**
     * Why an intent is not sent at all (reported and settled here), or null to send it. An agent is reconciled with the
     * venue before its first order.
     */
    private String refusal(LiveAgent agent, LiveOrder order, OrderCommand command, long now) {
        if (agent.halted != null) {
            orders.settleRefused(order, "HALTED", "not sent: the gateway halted this agent (" + agent.halted + ")", true, now);
            return agent.halted;
        }
        if (routes.banned()) {
            halts.haltAgent(agent, "VENUE_BANNED", "HashKey banned this address (HTTP 418): live trading is stopped");
            orders.settleRefused(order, "VENUE_BANNED", "not sent: HashKey banned this address (HTTP 418)", true, now);
            return "banned";
        }
        LiveRoutes.Route route = routes.route(agent);
        if (route instanceof LiveRoutes.Unroutable unroutable) {
            if (unroutable.halt()) {
                halts.haltAgent(agent, unroutable.code(), unroutable.reason());
            }
            orders.settleRefused(order, unroutable.code(), unroutable.reason(), unroutable.halt(), now);
            return unroutable.reason();
        }
        if (!agent.reconciled) {
            reconciler.reconcile(agent, (LiveRoutes.Routed) route);
            if (agent.halted != null) {
                orders.settleRefused(order, "RECONCILIATION_FAILED", "not sent: " + agent.halted, true, now);
                return agent.halted;
            }
        }
        if (!command.reduceOnly() && now - command.decisionTime() > settings.maxEntryAge().toMillis()) {
            orders.settleRefused(order, "STALE", "not sent: decided " + (now - command.decisionTime()) / 1000 + " s ago, more than the "
                    + settings.maxEntryAge().toSeconds() + " s an entry may wait", false, now);
            return "stale";
        }
        return null;
    }
}
