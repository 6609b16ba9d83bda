package io.agenthub.core.backtest;

import io.agenthub.core.trading.PositionSide;

import java.math.BigDecimal;

/**
 * One round trip: entry and exit times and prices, size, fees, net P&L (realised minus fees) and why it ended.
 */
public record Trade(PositionSide side, long entryTime, BigDecimal entryPrice, long exitTime, BigDecimal exitPrice,
                    BigDecimal quantity, BigDecimal fees, BigDecimal netPnl, String exitReason) {

    public boolean won() {
        return netPnl.signum() > 0;
    }
}
