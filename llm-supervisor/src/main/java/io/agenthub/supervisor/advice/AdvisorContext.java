package io.agenthub.supervisor.advice;

import io.agenthub.core.market.Bar;
import io.agenthub.core.trading.PositionSide;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What an agent's processor sent with its request: recent bars of the agent's interval (oldest first), the last price,
 * indicator values, the plan in force, the open position (supervision), and the agent's risk bounds.
 */
public record AdvisorContext(String agentId, String symbol, int intervalSeconds, List<Bar> bars, BigDecimal lastPrice,
                             Map<String, BigDecimal> indicators, CurrentPlan currentPlan, OpenPosition position, Bounds bounds) {

    public record CurrentPlan(String strategyName, int lookback, BigDecimal threshold, BigDecimal maxLossPct) {
    }

    public record OpenPosition(PositionSide side, BigDecimal quantity, BigDecimal entryPrice, BigDecimal stopLoss,
                               BigDecimal takeProfit, BigDecimal unrealizedPnl) {
    }

    /** The agent's configured limits; no advice may go beyond them. {@code maxLossPct} defaults to the stop. */
    public record Bounds(BigDecimal stopLossPct, BigDecimal takeProfitPct, BigDecimal maxLossPct, int leverage, boolean allowShort) {
        public BigDecimal maxLoss() {
            return maxLossPct == null ? stopLossPct : maxLossPct;
        }
    }

    public AdvisorContext {
        bars = List.copyOf(bars);
        indicators = Map.copyOf(indicators);
    }
}
