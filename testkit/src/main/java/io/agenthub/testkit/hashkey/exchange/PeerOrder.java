package io.agenthub.testkit.hashkey.exchange;

import java.math.BigDecimal;

/**
 * An order as the peer holds it, for assertions: spot ({@code side} BUY/SELL), perpetual (BUY_OPEN, ...) or a
 * perpetual STOP order ({@code type} STOP, statuses ORDER_NEW, ORDER_FILLED, ORDER_CANCELED, ORDER_REJECTED).
 * Quantities are base units for spot, contracts for perpetuals.
 */
public record PeerOrder(String orderId, String clientOrderId, String symbol, String side, String type, String priceType,
                        String timeInForce, BigDecimal price, BigDecimal stopPrice, BigDecimal origQty,
                        BigDecimal executedQty, BigDecimal averagePrice, String status, long time, long updateTime) {
}
