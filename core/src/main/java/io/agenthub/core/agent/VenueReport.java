package io.agenthub.core.agent;

import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.Side;

import java.math.BigDecimal;

/**
 * What the venue says of one of the agent's orders: acknowledged, (partly) filled, cancelled or rejected.
 *
 * @param lastPrice    the price of this fill; null for a report without one
 * @param lastQuantity the quantity of this fill; null for a report without one (a {@code FILLED} without a fill is
 *                     the venue's last word on an order whose fills were all reported before)
 * @param halt         the venue cannot trade for this agent any more (the agent goes to {@code error})
 */
public record VenueReport(long time, ClientOrderId clientOrderId, Status status, Side side, BigDecimal lastPrice,
                          BigDecimal lastQuantity, BigDecimal fee, Liquidity liquidity, String rejectCode, String rejectReason,
                          boolean halt, String venue) {

    public enum Status { ACKNOWLEDGED, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED }

    /** The reject code of a reconciliation that found the venue and the agent's journal apart. */
    public static final String RECONCILIATION_FAILED = "RECONCILIATION_FAILED";
}
