package io.agenthub.core.trading;

import java.math.BigDecimal;

/**
 * What an execution does to a trading agent: the order in flight counts it (done once its quantity filled, or the venue
 * says so), the book takes it, and a position that opens gets its protective levels, one that closes may breach the
 * session's loss limit.
 */
final class Fills {

    private Fills() {
    }

    static void apply(TradingAgent agent, Fill fill, boolean orderDone, AgentOutputs out) {
        Book book = agent.book;
        TradingSettings settings = agent.settings();
        OrderRequest order = agent.inFlight;
        if (order == null || !order.clientOrderId().equals(fill.clientOrderId())) {
            if (out.wantsText()) {
                out.log(TradeLines.notInFlight(fill));
            }
        }
        Position.Change change = book.apply(fill);
        Position position = book.position;
        if (order != null && order.clientOrderId().equals(fill.clientOrderId())) {
            agent.inFlightFilled = agent.inFlightFilled.add(fill.quantity());
            if (orderDone || agent.inFlightFilled.compareTo(order.quantity()) >= 0) {
                agent.inFlight = null;
                agent.inFlightFilled = BigDecimal.ZERO;
            }
        }
        BigDecimal mark = fill.price();
        switch (change.kind()) {
            case OPENED, FLIPPED -> {
                book.opened(settings.agentId() + "-p" + (order == null ? agent.decisionSequence : order.decisionSequence()),
                        ProtectiveLevels.place(position.side(), position.averagePrice(), agent.atr.value(), settings.risk(),
                                settings.instrument().priceScale()));
                out.position(book.update(PositionUpdate.Kind.OPENED, mark, null, null, fill.time(), fill.clientOrderId()));
                if (out.wantsText()) {
                    out.log(TradeLines.opened(fill, position, book.levels));
                }
            }
            case INCREASED, REDUCED -> {
                book.mirror();
                out.position(book.update(PositionUpdate.Kind.CHANGED, mark, null, null, fill.time(), fill.clientOrderId()));
            }
            case CLOSED -> {
                String reason = order == null ? "external" : order.purpose().closeReason();
                out.position(book.update(PositionUpdate.Kind.CLOSED, mark, fill.price(), reason, fill.time(), fill.clientOrderId()));
                if (out.wantsText()) {
                    out.log(TradeLines.closed(fill, order, reason, change.after()));
                }
                book.closed();
                if (!agent.halted && book.lossLimitBreached(fill.price().doubleValue(), agent.lossLimitFraction)) {
                    agent.halt("session loss limit of " + settings.risk().lossLimitPct() + " % reached", fill.time(), out);
                }
            }
        }
    }
}
