package io.agenthub.testkit.hashkey.exchange;

import java.math.BigDecimal;

/**
 * One side of a perpetual position: {@code side} LONG or SHORT, {@code contracts} held, average open price, isolated
 * margin, and realised PnL so far (closes' PnL minus every fee, as the venue reports it).
 */
public record PeerPosition(String symbol, String side, BigDecimal contracts, BigDecimal averagePrice, BigDecimal margin,
                           BigDecimal realizedPnl, int leverage) {
}
