package io.agenthub.gateway.live;

import io.agenthub.core.broker.Broker;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.schemas.events.ExecutionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * Live orders at the venue: sent after the journal says so, and followed until the venue has said its last word on
 * each. Every order, the agent's own and a protective stop, is sent by {@link #submit}, the one place where the journal
 * is committed before the venue hears of the order. What the venue says (on its order stream, or when asked after an
 * unknown outcome, a reconnect or at the sweep) becomes fills and reports, each reported once: an order's cumulative
 * quantity decides what is new.
 */
final class LiveOrders {

    private static final Logger log = LoggerFactory.getLogger(LiveOrders.class);

    private final LiveJournal journal;
    private final LiveRoutes routes;
    private final LiveTransaction unit;
    private final LiveHalts halts;
    private final LiveExecutor.Settings settings;
    private final Clock clock;
    private final ConcurrentLinkedQueue<OrderUpdate> updates;
    /** Told of each fill of an order, after the agent's position took it (protective stops cancel each other on it). */
    private final BiConsumer<LiveAgent, LiveOrder> onFill;
    private long lastSweep;

    LiveOrders(LiveJournal journal, LiveRoutes routes, LiveTransaction unit, LiveHalts halts, LiveExecutor.Settings settings, Clock clock,
               ConcurrentLinkedQueue<OrderUpdate> updates, BiConsumer<LiveAgent, LiveOrder> onFill) {
        this.journal = journal;
        this.routes = routes;
        this.unit = unit;
        this.halts = halts;
        this.settings = settings;
        this.clock = clock;
        this.updates = updates;
        this.onFill = onFill;
    }

    /**
     * Sends an order: the journal says "about to be sent" (committed) before it is, so a crash from here on makes the
     * next run ask the venue about it, never send it again.
     *
     * @throws BrokerException as the venue answered; the caller settles the order by its outcome
     */
    VenueOrder submit(LiveAgent agent, LiveOrder order, OrderCommand command, Broker broker) {
        order.state = LiveOrder.State.SUBMITTING;
        journal.add(order);
        unit.journal(order);
        unit.journal(agent);
        unit.commit(null);
        return broker.submit(command);
    }

    /** An order that will not reach the venue, or that the venue refused: reported rejected, settled. */
    void settleRefused(LiveOrder order, String code, String reason, boolean halt, long now) {
        order.state = order.venueOrderId == null && order.lastReported == null ? LiveOrder.State.LOST : LiveOrder.State.DONE;
        order.updatedAt = now;
        journal.add(order);
        unit.report(LiveReports.rejected(order, LiveReports.VENUE, code, reason, halt, now));
        unit.journal(order);
    }

    /** Asks the venue what became of an order whose outcome the gateway does not know, or whose fills it may have missed. */
    void resolve(LiveOrder order) {
        LiveAgent agent = journal.agent(order.agentId);
        LiveRoutes.Route route = routes.route(agent);
        if (!(route instanceof LiveRoutes.Routed routed)) {
            return;
        }
        long now = clock.millis();
        order.nextCheck = now + settings.unknownRetry().toMillis();
        Optional<VenueOrder> found;
        try {
            found = routed.broker().order(order.symbol, order.clientOrderId);
        } catch (BrokerException e) {
            if (e.banned()) {
                halts.haltVenue(e.getMessage());
            }
            log.info("agent {}: order {} not resolved yet ({})", order.agentId, order.clientOrderId, e.getMessage());
            if (order.state == LiveOrder.State.SUBMITTING) {
                order.state = LiveOrder.State.UNKNOWN;
                order.unknownSince = now;
                unit.journal(order);
            }
            return;
        }
        if (found.isPresent()) {
            adopt(order, found.get(), routed.broker(), true);
            unit.journal(order);
            return;
        }
        switch (order.state) {
            case SUBMITTING, UNKNOWN -> {
                if (order.unknownSince == 0) {
                    order.unknownSince = now;
                    order.state = LiveOrder.State.UNKNOWN;
                } else if (now - order.unknownSince >= settings.unknownPatience().toMillis()) {
                    log.warn("agent {}: order {} never confirmed and not at the venue after {} s: reported lost, not sent again",
                            order.agentId, order.clientOrderId, settings.unknownPatience().toSeconds());
                    settleRefused(order, "ORDER_LOST", "the venue never confirmed this order and does not have it; it is not sent again",
                            false, now);
                    return;
                }
                unit.journal(order);
            }
            case OPEN -> halts.haltAgent(agent, "RECONCILIATION_FAILED", "order " + order.clientOrderId + " was open at the venue and the venue "
                    + "no longer knows it");
            default -> {
            }
        }
    }

    /**
     * The venue's state of an order: fills not yet reported are (from its REST fills when {@code catchUp}), then its
     * status; an order still working is acknowledged once.
     */
    void adopt(LiveOrder order, VenueOrder venueOrder, Broker broker, boolean catchUp) {
        order.venueOrderId = venueOrder.venueOrderId();
        if (venueOrder.filled().compareTo(order.venueFilled) > 0 && catchUp) {
            catchUpFills(order, venueOrder, broker);
        }
        if (venueOrder.status().isOpen() || venueOrder.filled().compareTo(order.venueFilled) > 0) {
            // working, or done with fills still to come (on the stream, or at the next sweep)
            order.state = LiveOrder.State.OPEN;
            if (order.lastReported == null && venueOrder.status().isOpen()) {
                unit.report(LiveReports.of(order, broker.venue(), venueOrder, null, OrderStatus.NEW));
            }
            return;
        }
        settle(order, venueOrder, broker.venue());
    }

    private void catchUpFills(LiveOrder order, VenueOrder venueOrder, Broker broker) {
        // from a minute before the order could have reached the venue, by either clock: the agent's decision time runs
        // ahead of the venue's when its market is replayed faster than real time, and a window from it missed every fill
        long from = Math.min(order.decisionTime, order.updatedAt) - 60_000;
        List<Execution> fills = broker.executions(order.symbol, from).stream()
                .filter(e -> e.fill().clientOrderId().equals(order.clientOrderId)).toList();
        BigDecimal cumulative = BigDecimal.ZERO;
        for (Execution fill : fills) {
            cumulative = cumulative.add(fill.venueQuantity());
            if (cumulative.compareTo(order.venueFilled) <= 0) {
                continue;
            }
            applyFill(order, venueOrder, fill, broker.venue());
        }
        if (order.venueFilled.compareTo(venueOrder.filled()) < 0) {
            log.info("agent {}: order {} filled {} at the venue, {} reported; the rest is taken at the next sweep", order.agentId,
                    order.clientOrderId, venueOrder.filled().toPlainString(), order.venueFilled.toPlainString());
        }
    }

    private void applyFill(LiveOrder order, VenueOrder venueOrder, Execution fill, String venue) {
        order.venueFilled = order.venueFilled.add(fill.venueQuantity());
        order.booked = order.booked.add(fill.fill().quantity());
        order.updatedAt = fill.fill().time();
        LiveAgent agent = journal.agent(order.agentId);
        agent.position = agent.position.add(fill.fill().quantity().multiply(BigDecimal.valueOf(fill.fill().side().sign())));
        boolean complete = venueOrder.status() == OrderStatus.FILLED && order.venueFilled.compareTo(venueOrder.filled()) >= 0;
        unit.report(LiveReports.of(order, venue, venueOrder, fill, complete ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED));
        unit.journal(agent);
        if (complete) {
            order.state = LiveOrder.State.DONE;
        }
        onFill.accept(agent, order);
    }

    /** A finished order: its last word reported once (a FILLED without a fill when the fills said less). */
    void settle(LiveOrder order, VenueOrder venueOrder, String venue) {
        if (order.isSettled()) {
            return;
        }
        ExecutionStatus last = order.lastReported;
        switch (venueOrder.status()) {
            case FILLED -> {
                if (last != ExecutionStatus.FILLED) {
                    unit.report(LiveReports.of(order, venue, venueOrder, null, OrderStatus.FILLED));
                }
            }
            case CANCELLED, REJECTED -> unit.report(LiveReports.of(order, venue, venueOrder, null, venueOrder.status()));
            default -> {
                return;
            }
        }
        order.state = LiveOrder.State.DONE;
        order.updatedAt = Math.max(order.updatedAt, venueOrder.updatedAt());
    }

    /** What the venues' order streams said since the last time. */
    void drainUpdates() {
        for (OrderUpdate update = updates.poll(); update != null; update = updates.poll()) {
            LiveOrder order = journal.order(update.order().clientOrderId());
            if (order == null) {
                LiveAgent owner = journal.ownerOf(update.order().clientOrderId());
                if (owner != null && owner.reconciled) {
                    log.warn("agent {}: the venue reports order {} that this gateway did not place; reconciling", owner.agentId,
                            update.order().clientOrderId());
                    owner.reconciled = false;
                }
                continue;
            }
            if (order.isSettled()) {
                continue;
            }
            LiveAgent agent = journal.agent(order.agentId);
            LiveRoutes.Route route = routes.route(agent);
            if (!(route instanceof LiveRoutes.Routed routed)) {
                continue;
            }
            VenueOrder venueOrder = update.order();
            order.venueOrderId = venueOrder.venueOrderId();
            Execution fill = update.execution();
            if (fill != null && venueOrder.filled().compareTo(order.venueFilled) > 0) {
                if (venueOrder.filled().subtract(order.venueFilled).compareTo(fill.venueQuantity()) == 0) {
                    applyFill(order, venueOrder, fill, routed.broker().venue());
                } else {
                    // the stream skipped a fill: the venue's REST fills say which
                    catchUpFills(order, venueOrder, routed.broker());
                }
            }
            if (!venueOrder.status().isOpen() && venueOrder.filled().compareTo(order.venueFilled) <= 0) {
                settle(order, venueOrder, routed.broker().venue());
            } else if (order.state != LiveOrder.State.DONE) {
                order.state = LiveOrder.State.OPEN;
                if (order.lastReported == null && venueOrder.status().isOpen()) {
                    unit.report(LiveReports.of(order, routed.broker().venue(), venueOrder, null, OrderStatus.NEW));
                }
            }
            unit.journal(order);
        }
    }

    /** Unknown outcomes asked about again, accounts whose stream came back caught up, and a sweep of what is open. */
    void maintain() {
        long now = clock.millis();
        Set<String> reconnected = routes.reconnected();
        boolean sweep = now - lastSweep >= settings.sweep().toMillis();
        if (sweep) {
            lastSweep = now;
        }
        for (LiveOrder order : List.copyOf(journal.orders())) {
            if (order.isSettled()) {
                continue;
            }
            boolean due = switch (order.state) {
                case SUBMITTING, UNKNOWN -> now >= order.nextCheck;
                default -> sweep || (!reconnected.isEmpty() && reconnected.contains(accountOf(order)));
            };
            if (due) {
                resolve(order);
            }
        }
    }

    private String accountOf(LiveOrder order) {
        LiveRoutes.Route route = routes.route(journal.agent(order.agentId));
        return route instanceof LiveRoutes.Routed routed ? routed.account() : null;
    }
}
