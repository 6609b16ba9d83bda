package io.agenthub.core.trading;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A market order an agent decided on. It executes at the first tick at or after {@code decisionTime} (a decision taken
 * on a bar's close fills at the next tick), which for a protective exit (stop-loss, take-profit, liquidation) is the tick
 * that triggered it. A stop-loss or take-profit names its level, {@code triggerPrice}: it fills where a stop or limit
 * order resting there would have filled at that tick (the venue's fill model, {@code docs/fill-rules.md}).
 *
 * @param referencePrice the price of the tick or bar close it was decided on
 * @param triggerPrice   the stop-loss or take-profit level that triggered it; null for any other order
 */
public record OrderRequest(ClientOrderId clientOrderId, long decisionSequence, Side side, BigDecimal quantity,
                           OrderPurpose purpose, long decisionTime, BigDecimal referencePrice, boolean reduceOnly,
                           String reason, BigDecimal triggerPrice) {

    public OrderRequest {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(referencePrice, "referencePrice");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("order quantity must be positive, got " + quantity.toPlainString());
        }
    }

    /** An order no level triggered. */
    public OrderRequest(ClientOrderId clientOrderId, long decisionSequence, Side side, BigDecimal quantity, OrderPurpose purpose,
                        long decisionTime, BigDecimal referencePrice, boolean reduceOnly, String reason) {
        this(clientOrderId, decisionSequence, side, quantity, purpose, decisionTime, referencePrice, reduceOnly, reason, null);
    }

    /** Whether it fills at the triggering tick rather than the next one. */
    public boolean fillsAtTrigger() {
        return purpose == OrderPurpose.STOP_LOSS || purpose == OrderPurpose.TAKE_PROFIT || purpose == OrderPurpose.LIQUIDATION;
    }
}
