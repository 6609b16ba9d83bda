package io.agenthub.testkit.hashkey;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One trade of a {@link HashKeyMarketPeer}'s scripted history, in the venue's terms.
 *
 * @param venueSymbol venue spelling, {@code BTCUSDT}
 * @param id          the venue's trade id ({@code "v"} on the wire)
 * @param time        event time, epoch milliseconds
 * @param buyerMaker  {@code "m"} on the wire: the buyer's order was resting (the seller took it)
 */
public record ScriptedTrade(String venueSymbol, String id, long time, BigDecimal price, BigDecimal quantity, boolean buyerMaker) {

    public ScriptedTrade {
        Objects.requireNonNull(venueSymbol, "venueSymbol");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        if (price.signum() <= 0 || quantity.signum() <= 0) {
            throw new IllegalArgumentException("a scripted trade needs a positive price and quantity, got "
                    + price.toPlainString() + " x " + quantity.toPlainString());
        }
    }
}
