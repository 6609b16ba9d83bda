package io.agenthub.ingest.feed.hashkey.parse;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One public trade as HashKey pushes it: {@code {"v":"<trade id>","t":<ms>,"p":"<price>","q":"<qty>","m":<isBuyerMaker>}}.
 *
 * @param buyerMaker {@code true} when the buyer was the resting order (a sell-initiated trade)
 */
public record VenueTrade(String id, long time, BigDecimal price, BigDecimal quantity, boolean buyerMaker) {

    public VenueTrade {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        if (id.isBlank()) {
            throw new IllegalArgumentException("trade id is blank");
        }
        if (price.signum() <= 0 || quantity.signum() <= 0) {
            throw new IllegalArgumentException("trade price and quantity must be positive, got price "
                    + price.toPlainString() + " and quantity " + quantity.toPlainString());
        }
    }
}
