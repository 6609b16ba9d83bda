package io.agenthub.testkit.hashkey.exchange;

import java.math.BigDecimal;

/**
 * One execution of an order. Its three ids are all different, as on the venue: {@code tradeId} is the REST trade
 * {@code id}/{@code tradeId}, {@code ticketId} the REST {@code ticketId} and the {@code ticketInfo} push's {@code T},
 * {@code executionId} the {@code d} of the execution report.
 */
record FillRecord(long tradeId, long ticketId, long executionId, long matchOrderId, OrderState order, BigDecimal price,
                  BigDecimal quantity, BigDecimal commission, String commissionAsset, boolean maker,
                  BigDecimal realizedPnl, long time) {

    PeerFill view() {
        return new PeerFill(Long.toString(tradeId), Long.toString(ticketId), Long.toString(executionId),
                Long.toString(order.orderId), order.clientOrderId, order.instrument.symbol(), order.side, price, quantity,
                commission, commissionAsset, maker, realizedPnl, time);
    }
}
