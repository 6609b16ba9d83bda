package io.agenthub.core.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A tradable instrument and the decimal scales its prices and sizes are expressed in.
 *
 * @param priceScale decimal places of a price (BTC/USDT: 2, a tick of 0.01)
 * @param sizeScale  decimal places of a base-asset quantity (BTC: 8)
 */
public record Instrument(Symbol symbol, int priceScale, int sizeScale) {

    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        if (priceScale < 0 || priceScale > 8 || sizeScale < 0 || sizeScale > 8) {
            throw new IllegalArgumentException("scales must be within 0..8, got price " + priceScale + ", size " + sizeScale);
        }
    }

    /** Rounds a quantity down to the instrument's size scale (never sell or buy more than asked). */
    public BigDecimal roundSizeDown(BigDecimal size) {
        return size.setScale(sizeScale, RoundingMode.DOWN);
    }
}
