package io.agenthub.core.broker;

import java.math.BigDecimal;
import java.util.Objects;

/** What an account holds of one asset: {@code total = free + locked} (locked: margin and open orders). */
public record Balance(String asset, BigDecimal total, BigDecimal free, BigDecimal locked) {

    public Balance {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(free, "free");
        Objects.requireNonNull(locked, "locked");
    }
}
