package io.agenthub.gateway.live;

import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Side;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.PositionSide;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;

/**
 * Protective stops: a live perpetual position guarded at the venue by two reduce-only stop orders, one at the agent's
 * stop-loss and one at its take-profit, kept in step with its levels and quantity from {@code positions.events}, so
 * that it is closed even while the hub is down. The fill of one cancels the other; a closed position, or the agent's
 * own exit, takes both away first.
 */
final class LiveGuards {

    private static final Logger log = LoggerFactory.getLogger(LiveGuards.class);

    private final LiveJournal journal;
    private final LiveRoutes routes;
    private final LiveTransaction unit;
    private final LiveOrders orders;
    private final Clock clock;

    LiveGuards(LiveJournal journal, LiveRoutes routes, LiveTransaction unit, LiveOrders orders, Clock clock) {
        this.journal = journal;
        this.routes = routes;
        this.unit = unit;
        this.orders = orders;
        this.clock = clock;
    }

    /**
     * A live perpetual position opened, changed or closed: its venue-side stop orders follow the agent's levels, one at
     * the stop-loss and one at the take-profit (a new order replaces the old one when a level or the quantity moves; a
     * closed position takes both away). Each is a reduce-only STOP at market, so neither claims the position until it
     * triggers; the fill of one cancels the other ({@link #onFill}).
     *
     * @return whether anything was sent or written
     */
    boolean onPosition(PositionEvent event) {
        LiveAgent agent = journal.findAgent(event.getAgentId());
        if (agent == null || !agent.tradesPerpetual() || agent.halted != null || routes.banned()) {
            return false;
        }
        if (!(routes.route(agent) instanceof LiveRoutes.Routed route)) {
            return false;
        }
        boolean changed = false;
        switch (event.getKind()) {
            case OPENED, CHANGED -> {
                long opened = entrySequence(event.getPositionId());
                if (opened != agent.positionSequence) {
                    agent.positionSequence = opened;
                    agent.nextGuardLeg = 1;
                    changed = true;
                }
                BigDecimal quantity = Decimals.fromWire(event.getQuantity());
                BigDecimal mark = Decimals.fromWire(event.getMarkPrice());
                // each on its own: a target the venue refuses leaves the stop in place, and the other way round
                changed |= keep(agent, agent.stop, route, event, Decimals.fromWire(event.getStopLoss()), quantity, mark);
                changed |= keep(agent, agent.target, route, event, Decimals.fromWire(event.getTakeProfit()), quantity, mark);
            }
            case CLOSED -> changed = liftBoth(agent, route);
            default -> {
            }
        }
        if (changed) {
            unit.journal(agent);
        }
        return changed;
    }

    /**
     * Keeps one guard in step with its level and the position's quantity.
     *
     * @return whether anything was sent or written
     */
    private boolean keep(LiveAgent agent, LiveAgent.Guard guard, LiveRoutes.Routed route, PositionEvent event, BigDecimal level,
                         BigDecimal quantity, BigDecimal mark) {
        try {
            if (level == null || guard.holds(level, quantity)) {
                return level == null && lift(agent, guard, route);
            }
            lift(agent, guard, route);
            boolean belowIsPast = (event.getSide() == PositionSide.LONG) == (guard == agent.stop);
            if (mark != null && (belowIsPast ? mark.compareTo(level) <= 0 : mark.compareTo(level) >= 0)) {
                // a stop on the far side of the market would wait for the price to come back; the agent exits at its next tick
                log.info("agent {}: the price {} is already past the {} {}; no stop order is placed for it", agent.agentId,
                        mark.toPlainString(), guard.name, level.toPlainString());
                return true;
            }
            place(agent, guard, route, event, level, quantity);
        } catch (BrokerException e) {
            log.warn("agent {}: the venue's {} stop not kept in step ({}); the agent's own {} still watches the position", agent.agentId,
                    guard.name, e.getMessage(), guard.name);
        }
        return true;
    }

    private void place(LiveAgent agent, LiveAgent.Guard guard, LiveRoutes.Routed route, PositionEvent event, BigDecimal level,
                       BigDecimal quantity) {
        if (agent.nextGuardLeg > 99) {
            log.warn("agent {}: the position's protective stop orders moved 99 times; the {} is not placed again", agent.agentId, guard.name);
            return;
        }
        ClientOrderId id = ClientOrderId.of(agent.id(), agent.positionSequence, agent.nextGuardLeg++);
        Side exit = event.getSide() == PositionSide.LONG ? Side.SELL : Side.BUY;
        OrderCommand command = OrderCommand.stopMarket(id, agent.symbol, exit, quantity, level, true, Math.max(1, event.getLeverage()),
                event.getEventTime().toEpochMilli());
        LiveOrder order = LiveOrder.of(agent.agentId, command);
        order.updatedAt = clock.millis();
        try {
            VenueOrder placed = orders.submit(agent, order, command, route.broker());
            order.venueOrderId = placed.venueOrderId();
            order.state = placed.status().isOpen() ? LiveOrder.State.OPEN : LiveOrder.State.DONE;
            guard.set(id.value(), level, quantity);
            log.info("agent {}: position guarded at the venue by {} stop {} at {}", agent.agentId, guard.name, id, level.toPlainString());
        } catch (BrokerException e) {
            if (e.outcome() == BrokerException.Outcome.REFUSED) {
                order.state = LiveOrder.State.LOST;
            } else {
                order.state = LiveOrder.State.UNKNOWN;
                order.unknownSince = clock.millis();
                guard.set(id.value(), level, quantity);
            }
            unit.journal(order);
            throw e;
        }
        unit.journal(order);
    }

    /** Takes both venue-side stop orders away (before the agent's own exit, or once the position closed). */
    boolean liftBoth(LiveAgent agent, LiveRoutes.Routed route) {
        boolean stop = lift(agent, agent.stop, route);
        return lift(agent, agent.target, route) || stop;
    }

    /**
     * Cancels a venue-side stop order, if it is still working; what it did before (it triggered) is reported as its
     * fills.
     *
     * @return whether there was one
     */
    private boolean lift(LiveAgent agent, LiveAgent.Guard guard, LiveRoutes.Routed route) {
        if (!guard.isSet()) {
            return false;
        }
        ClientOrderId id = new ClientOrderId(guard.id);
        LiveOrder order = journal.order(id);
        guard.clear();
        unit.journal(agent);
        if (order == null || order.isSettled()) {
            return true;
        }
        try {
            VenueOrder cancelled = route.broker().cancel(agent.symbol, id);
            orders.adopt(order, cancelled, route.broker(), true);
            if (!order.isSettled() && !cancelled.status().isOpen()) {
                orders.settle(order, cancelled, route.broker().venue());
            }
        } catch (BrokerException e) {
            // not open any more (it triggered): its fills come on the stream or at the sweep
            log.info("agent {}: {} stop {} not cancelled ({}); resolving it", agent.agentId, guard.name, id, e.getMessage());
            orders.resolve(order);
        }
        unit.journal(order);
        return true;
    }

    /**
     * An order of the agent's filled: when it is one of the position's venue-side stop orders, it is done guarding, and
     * the other one is cancelled at once, so that the two never close the position twice.
     */
    void onFill(LiveAgent agent, LiveOrder filled) {
        LiveAgent.Guard done = filled.clientOrderId.value().equals(agent.stop.id) ? agent.stop
                : filled.clientOrderId.value().equals(agent.target.id) ? agent.target : null;
        if (done == null) {
            return;
        }
        LiveAgent.Guard other = done == agent.stop ? agent.target : agent.stop;
        done.clear();
        unit.journal(agent);
        if (other.isSet() && routes.route(agent) instanceof LiveRoutes.Routed route) {
            log.info("agent {}: the venue's {} stop {} filled; the {} stop {} is cancelled", agent.agentId, done.name, filled.clientOrderId,
                    other.name, other.id);
            lift(agent, other, route);
        }
    }

    /** The decision sequence of the entry that opened a position: its id is {@code <agent>-p<sequence>}. */
    private static long entrySequence(String positionId) {
        int at = positionId.lastIndexOf("-p");
        try {
            return at < 0 ? 0 : Long.parseLong(positionId.substring(at + 2));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
