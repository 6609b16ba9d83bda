package io.agenthub.core.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Fees and slippage, the same for the backtest engine and the paper venue. Slippage moves the price against the
 * order by {@code slippageBps} basis points, rounded to the instrument's tick away from the trader's favour; fees are
 * the maker or taker rate of the fill's notional, rounded half-up to 8 decimals.
 */
public record ExecutionCosts(BigDecimal makerRate, BigDecimal takerRate, BigDecimal slippageBps) {

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    public static final ExecutionCosts NONE = new ExecutionCosts(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public ExecutionCosts {
        Objects.requireNonNull(makerRate, "makerRate");
        Objects.requireNonNull(takerRate, "takerRate");
        Objects.requireNonNull(slippageBps, "slippageBps");
        if (makerRate.signum() < 0 || takerRate.signum() < 0 || slippageBps.signum() < 0) {
            throw new IllegalArgumentException("fee rates and slippage must not be negative");
        }
        if (makerRate.compareTo(new BigDecimal("0.1")) > 0 || takerRate.compareTo(new BigDecimal("0.1")) > 0
                || slippageBps.compareTo(BigDecimal.valueOf(1000)) > 0) {
            throw new IllegalArgumentException("fee rates above 10 % or slippage above 1000 bps are not plausible");
        }
    }

    /** HashKey Global's standard spot tier (0.1 % maker and taker) and 2 bps of slippage. */
    public static ExecutionCosts standard() {
        return new ExecutionCosts(new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("2"));
    }

    public BigDecimal slipped(Side side, BigDecimal price, int priceScale) {
        if (slippageBps.signum() == 0) {
            return price.setScale(Math.max(priceScale, price.scale()), RoundingMode.UNNECESSARY);
        }
        BigDecimal factor = BigDecimal.ONE.add(slippageBps.multiply(BigDecimal.valueOf(side.sign())).divide(TEN_THOUSAND));
        return price.multiply(factor).setScale(priceScale, side == Side.BUY ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }

    public BigDecimal fee(BigDecimal notional, Liquidity liquidity) {
        BigDecimal rate = liquidity == Liquidity.MAKER ? makerRate : takerRate;
        return notional.abs().multiply(rate).setScale(8, RoundingMode.HALF_UP);
    }

}
