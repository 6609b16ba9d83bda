package io.agenthub.core.broker;

import io.agenthub.core.market.Symbol;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** An account's balances and positions, as the venue reports them. */
public record AccountState(List<Balance> balances, List<VenuePosition> positions) {

    public AccountState {
        balances = List.copyOf(balances);
        positions = List.copyOf(positions);
    }

    public Optional<Balance> balance(String asset) {
        return balances.stream().filter(b -> b.asset().equals(asset)).findFirst();
    }

    public Optional<VenuePosition> position(Symbol symbol) {
        return positions.stream().filter(p -> p.symbol().equals(symbol) && p.quantity().signum() != 0).findFirst();
    }

    /** Signed base quantity held in {@code symbol}'s position, zero when there is none. */
    public BigDecimal signedPosition(Symbol symbol) {
        return position(symbol).map(VenuePosition::signedQuantity).orElse(BigDecimal.ZERO);
    }
}
