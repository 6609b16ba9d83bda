package io.agenthub.supervisor.advice;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A plan: the strategy, its lookback and other parameters, the signal threshold, the widest stop, why, and the evidence
 * it was based on (recorded in the audit trail).
 */
public record PlanAdvice(String strategyName, int lookback, BigDecimal threshold, BigDecimal maxLossPct, Map<String, Double> params,
                         String reasoning, String evidence) {

    public PlanAdvice {
        params = Map.copyOf(params);
    }
}
