package io.agenthub.gateway.live;

import io.agenthub.core.broker.AccountState;
import io.agenthub.core.broker.Balance;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.broker.VenuePosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * Reconciles an agent with its venue account before its first order after a start or a lifted halt: its unsettled
 * orders resolved, no open order under its ids that the journal does not know, and the account's position equal to what
 * the fills of the agents sharing it add up to (on spot: at least their longs; the venue keeps fee dust). What cannot be
 * explained halts the agent.
 */
final class LiveReconciler {

    private static final Logger log = LoggerFactory.getLogger(LiveReconciler.class);

    private final LiveJournal journal;
    private final LiveRoutes routes;
    private final LiveOrders orders;
    private final LiveHalts halts;

    LiveReconciler(LiveJournal journal, LiveRoutes routes, LiveOrders orders, LiveHalts halts) {
        this.journal = journal;
        this.routes = routes;
        this.orders = orders;
        this.halts = halts;
    }

    /** Marks the agent reconciled, halts it, or (the venue not answering) leaves it to be reconciled at its next order. */
    void reconcile(LiveAgent agent, LiveRoutes.Routed route) {
        try {
            for (LiveOrder order : journal.unsettled(agent.agentId)) {
                orders.resolve(order);
            }
            if (agent.halted != null) {
                return;
            }
            for (VenueOrder open : route.broker().openOrders(agent.symbol)) {
                if (agent.owns(open.clientOrderId()) && journal.order(open.clientOrderId()) == null) {
                    halts.haltAgent(agent, "RECONCILIATION_FAILED", "the venue holds open order " + open.clientOrderId()
                            + " under this agent's ids that this gateway did not place");
                    return;
                }
            }
            BigDecimal believed = BigDecimal.ZERO;
            Set<String> sharing = new HashSet<>();
            for (LiveAgent other : journal.agents()) {
                if (agent.symbol.equals(other.symbol) && other.position.signum() != 0 && other.tradesPerpetual() == agent.tradesPerpetual()
                        && routes.route(other) instanceof LiveRoutes.Routed r && r.account().equals(route.account())) {
                    believed = believed.add(other.position);
                    sharing.add(other.agentId);
                }
            }
            AccountState account = route.broker().account();
            if (agent.tradesPerpetual()) {
                BigDecimal held = account.positions().stream().filter(p -> p.symbol().equals(agent.symbol))
                        .map(VenuePosition::signedQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (held.compareTo(believed) != 0) {
                    halts.haltAgent(agent, "RECONCILIATION_FAILED", "the venue holds " + held.toPlainString() + " " + agent.symbol.base() + " in "
                            + agent.symbol + " perpetual positions; the reported fills of " + sharing + " add up to " + believed.toPlainString());
                    return;
                }
            } else {
                BigDecimal held = account.balance(agent.symbol.base()).map(Balance::total).orElse(BigDecimal.ZERO);
                if (held.compareTo(believed) < 0 || agent.position.signum() < 0) {
                    halts.haltAgent(agent, "RECONCILIATION_FAILED", "the venue holds " + held.toPlainString() + " " + agent.symbol.base()
                            + "; the reported fills of " + sharing + " add up to " + believed.toPlainString());
                    return;
                }
            }
            agent.reconciled = true;
            log.info("agent {}: reconciled with {} ({} {} held by its fills)", agent.agentId, route.account(), agent.position.toPlainString(),
                    agent.symbol.base());
        } catch (BrokerException e) {
            if (e.banned()) {
                halts.haltVenue(e.getMessage());
            }
            log.warn("agent {}: not reconciled yet ({}); its orders wait", agent.agentId, e.getMessage());
        }
    }
}
