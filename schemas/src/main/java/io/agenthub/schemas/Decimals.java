package io.agenthub.schemas;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Prices, quantities and money travel as Avro {@code decimal(38, 8)}. Values with at most eight decimals go on the
 * wire as they are; computed values with more (fees, averages) are rounded half-even here, in one place.
 */
public final class Decimals {

    public static final int WIRE_SCALE = 8;

    private Decimals() {
    }

    /** Rounds half-even to the wire scale; {@code null} stays {@code null}. */
    public static BigDecimal toWire(BigDecimal value) {
        return value == null ? null : value.setScale(WIRE_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Drops trailing zeros the wire scale added, for display and comparison ({@code 23140.48000000} → {@code 23140.48}). */
    public static BigDecimal fromWire(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
