package io.agenthub.core.agent;

import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.math.BigDecimal;

/**
 * The strategy and decision parameters in force: from the configuration, or from the planner.
 *
 * @param maxLossPct the planner's bound on the loss from entry, never above the agent's own; null: the agent's
 * @param source     who chose it: {@code configuration}, or the planner's provider
 */
public record Plan(StrategyDefinition strategy, StrategyParameters parameters, double threshold, BigDecimal maxLossPct, String source) {

    static final String CONFIGURATION = "configuration";

    static Plan of(AgentSettings settings) {
        return new Plan(settings.strategy(), settings.parameters(), settings.threshold(), null, CONFIGURATION);
    }

    public String strategyName() {
        return strategy.name();
    }

    boolean fromConfiguration() {
        return source.equals(CONFIGURATION);
    }
}
