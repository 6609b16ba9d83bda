package io.agenthub.core.broker;

import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Side;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order as a venue reports it.
 *
 * @param venueOrderId  the venue's id, null when it never took the order
 * @param filled        base quantity filled so far
 * @param averagePrice  average fill price, null before the first fill
 * @param rejectCode    the venue's code when rejected or cancelled by the venue, else null
 * @param reason        why it was rejected or cancelled, else null
 * @param updatedAt     venue time of its last change (epoch ms)
 * @param causationId   what caused it, when the venue carries it (the paper venue does), else null
 */
public record VenueOrder(ClientOrderId clientOrderId, String venueOrderId, Symbol symbol, Side side, OrderType type, BigDecimal quantity,
                         BigDecimal limitPrice, BigDecimal stopPrice, OrderStatus status, BigDecimal filled, BigDecimal averagePrice,
                         String rejectCode, String reason, long updatedAt, String causationId) {

    public VenueOrder {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filled, "filled");
    }

    public BigDecimal remaining() {
        return quantity.subtract(filled).max(BigDecimal.ZERO);
    }

    public boolean isOpen() {
        return status.isOpen();
    }
}
