package io.agenthub.core.trading;

import java.math.BigDecimal;
import java.util.Objects;

/** An execution of (part of) an order: price, quantity and the fee it cost, in the quote asset. */
public record Fill(ClientOrderId clientOrderId, Side side, BigDecimal price, BigDecimal quantity, BigDecimal fee,
                   Liquidity liquidity, long time) {

    public Fill {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(side, "side");
        if (price.signum() <= 0 || quantity.signum() <= 0 || fee.signum() < 0) {
            throw new IllegalArgumentException("a fill needs a positive price and quantity and a non-negative fee");
        }
    }

    public BigDecimal notional() {
        return price.multiply(quantity);
    }
}
