package io.agenthub.core.broker;

import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.Fill;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One fill at a venue: the domain's {@link Fill} (our order id, side, price, base quantity booked, fee in the quote
 * asset, liquidity, venue time) with the venue's ids for it.
 *
 * @param tradeId       the venue's id of this fill
 * @param feeAsset      the asset the venue charged the fee in
 * @param venueQuantity the base quantity as the venue counts it against the order; it differs from the fill's booked
 *                      quantity only where the venue takes its fee from the asset bought (then the fill books what is
 *                      left)
 */
public record Execution(Fill fill, Symbol symbol, String venueOrderId, String tradeId, String feeAsset, BigDecimal venueQuantity) {

    public Execution {
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(venueQuantity, "venueQuantity");
    }

    public Execution(Fill fill, Symbol symbol, String venueOrderId, String tradeId, String feeAsset) {
        this(fill, symbol, venueOrderId, tradeId, feeAsset, fill.quantity());
    }
}
