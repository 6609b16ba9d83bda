package io.agenthub.core.broker;

import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.Fill;

import java.util.Objects;

/**
 * One fill at a venue: the domain's {@link Fill} (our order id, side, price, base quantity, fee in the quote asset,
 * liquidity, venue time) with the venue's ids for it.
 *
 * @param tradeId  the venue's id of this fill: unique per venue account, the key fills are de-duplicated by
 * @param feeAsset the asset the venue charged the fee in
 */
public record Execution(Fill fill, Symbol symbol, String venueOrderId, String tradeId, String feeAsset) {

    public Execution {
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(tradeId, "tradeId");
    }
}
