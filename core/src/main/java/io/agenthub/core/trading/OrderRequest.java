package io.agenthub.core.trading;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A market order an agent decided on. It executes at the first tick after {@code decisionTime} (a decision taken on a
 * bar's close never fills at that close), except protective exits (stop-loss, take-profit, liquidation), which fill at
 * the tick that triggered them, {@code referencePrice}. Slippage and fees come on top.
 */
public record OrderRequest(ClientOrderId clientOrderId, long decisionSequence, Side side, BigDecimal quantity,
                           OrderPurpose purpose, long decisionTime, BigDecimal referencePrice, boolean reduceOnly,
                           String reason) {

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

    /** Whether it fills at the triggering tick rather than the next one. */
    public boolean fillsAtTrigger() {
        return purpose == OrderPurpose.STOP_LOSS || purpose == OrderPurpose.TAKE_PROFIT || purpose == OrderPurpose.LIQUIDATION;
    }
}
