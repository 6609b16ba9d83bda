package io.agenthub.core.broker;

import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.PositionSide;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A position as a venue reports it (a margin or perpetual position; a spot venue reports balances instead).
 *
 * @param quantity         base quantity
 * @param liquidationPrice null without leverage
 */
public record VenuePosition(Symbol symbol, PositionSide side, BigDecimal quantity, BigDecimal entryPrice, int leverage,
                            BigDecimal liquidationPrice, BigDecimal margin, BigDecimal unrealizedPnl) {

    public VenuePosition {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
    }

    /** Signed quantity: positive long, negative short. */
    public BigDecimal signedQuantity() {
        return side == PositionSide.SHORT ? quantity.negate() : side == PositionSide.FLAT ? BigDecimal.ZERO : quantity;
    }
}
