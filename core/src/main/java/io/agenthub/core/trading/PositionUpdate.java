package io.agenthub.core.trading;

import java.math.BigDecimal;

/**
 * A position opened, changed, marked to the market or closed, with what the API shows: P&L, levels, and for a close its
 * exit price and reason.
 *
 * @param positionId   stable from open to close: {@code <agentId>-p<sequence of its opening decision>}
 * @param realizedPnl  gross realised P&L of the position so far
 */
public record PositionUpdate(String positionId, Kind kind, Position position, BigDecimal markPrice, BigDecimal realizedPnl,
                             BigDecimal unrealizedPnl, BigDecimal fees, ProtectiveLevels levels, BigDecimal exitPrice,
                             String closeReason, long time, ClientOrderId causedBy) {

    /** {@code MARKED}: nothing changed but the price; the mark and the unrealised P&L at it. */
    public enum Kind { OPENED, CHANGED, CLOSED, MARKED }
}
