package io.agenthub.testkit.hashkey.exchange;

import java.math.BigDecimal;

/**
 * One execution: {@code tradeId} (REST {@code id}/{@code tradeId}), {@code ticketId} (REST {@code ticketId}, push
 * {@code ticketInfo.T}) and {@code executionId} (push {@code executionReport.d}) all differ. Quantity in base units
 * (spot) or contracts (perpetuals); {@code realizedPnl} is that of a perpetual close (zero otherwise, before fees).
 */
public record PeerFill(String tradeId, String ticketId, String executionId, String orderId, String clientOrderId,
                       String symbol, String side, BigDecimal price, BigDecimal quantity, BigDecimal commission,
                       String commissionAsset, boolean maker, BigDecimal realizedPnl, long time) {
}
