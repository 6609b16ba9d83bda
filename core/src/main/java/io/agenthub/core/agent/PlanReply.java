package io.agenthub.core.agent;

import java.math.BigDecimal;
import java.util.Map;

/** The planner's answer to a planning request: a strategy from the catalogue, its parameters and bounds. */
public record PlanReply(long time, long requestSequence, String decisionId, String strategyName, Map<String, Double> params,
                        int lookback, double threshold, BigDecimal maxLossPct, String provider, boolean fallback, String reasoning) {

    public PlanReply {
        params = Map.copyOf(params);
    }
}
