package io.agenthub.core.trading;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.market.Instrument;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a trading agent runs with: who it is, what it trades, its risk settings and costs, and how strong a signal it
 * acts on.
 *
 * @param threshold     minimum |signal| to act, 0..1
 * @param initialEquity quote balance the agent starts its session with
 */
public record TradingSettings(AgentId agentId, Instrument instrument, RiskSettings risk, ExecutionCosts costs, double threshold,
                              BigDecimal initialEquity) {
    public TradingSettings {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(costs, "costs");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within (0, 1], got " + threshold);
        }
        if (initialEquity.signum() <= 0) {
            throw new IllegalArgumentException("initial equity must be positive");
        }
    }
}
