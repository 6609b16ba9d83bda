package io.agenthub.testkit.hashkey.exchange;

import java.math.BigDecimal;
import java.math.MathContext;

/** One side (LONG or SHORT) of a perpetual position of one account; changed only under the exchange lock. */
final class PositionState {

    final Instrument instrument;
    final String side;
    BigDecimal contracts = BigDecimal.ZERO;
    BigDecimal averagePrice = BigDecimal.ZERO;
    BigDecimal margin = BigDecimal.ZERO;
    /** Cumulative: realised PnL of closes minus every fee paid (as the venue's {@code realizedPnL} shows it). */
    BigDecimal realizedPnl = BigDecimal.ZERO;
    int leverage;

    PositionState(Instrument instrument, String side, int leverage) {
        this.instrument = instrument;
        this.side = side;
        this.leverage = leverage;
    }

    boolean isLong() {
        return side.equals("LONG");
    }

    BigDecimal unrealizedPnl(BigDecimal last) {
        BigDecimal move = isLong() ? last.subtract(averagePrice) : averagePrice.subtract(last);
        return move.multiply(contracts).multiply(instrument.contractMultiplier());
    }

    BigDecimal value(BigDecimal last) {
        return last.multiply(contracts).multiply(instrument.contractMultiplier());
    }

    /**
     * An isolated-margin estimate of where the position is liquidated (display only; the peer never liquidates):
     * average price × (1 ∓ 1/leverage ± maintenance margin rate).
     */
    BigDecimal liquidationPrice() {
        if (contracts.signum() == 0 || leverage == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal initial = BigDecimal.ONE.divide(BigDecimal.valueOf(leverage), MathContext.DECIMAL64);
        BigDecimal rate = isLong() ? BigDecimal.ONE.subtract(initial).add(instrument.maintMargin())
                : BigDecimal.ONE.add(initial).subtract(instrument.maintMargin());
        return averagePrice.multiply(rate);
    }

    /** Maintenance margin at the last price. */
    BigDecimal minMargin(BigDecimal last) {
        return value(last).multiply(instrument.maintMargin());
    }

    /** Unrealised PnL over margin. */
    BigDecimal profitRate(BigDecimal last) {
        return margin.signum() == 0 ? BigDecimal.ZERO : unrealizedPnl(last).divide(margin, MathContext.DECIMAL64);
    }

    PeerPosition view() {
        return new PeerPosition(instrument.symbol(), side, contracts, averagePrice, margin, realizedPnl, leverage);
    }
}
