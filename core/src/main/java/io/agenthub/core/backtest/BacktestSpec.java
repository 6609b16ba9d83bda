package io.agenthub.core.backtest;

import io.agenthub.core.market.Instrument;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.RiskSettings;

import java.math.BigDecimal;
import java.util.Objects;

/** What to backtest: a strategy with its parameters, the agent's risk and costs, and how it decides. */
public record BacktestSpec(Instrument instrument, StrategyDefinition strategy, StrategyParameters parameters,
                           RiskSettings risk, ExecutionCosts costs, double threshold, BigDecimal initialEquity) {

    public BacktestSpec {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(initialEquity, "initialEquity");
    }

    /** Defaults for a strategy: its default parameters, default risk, standard costs, threshold 0.5, 10,000 equity. */
    public static BacktestSpec defaults(Instrument instrument, StrategyDefinition strategy) {
        return new BacktestSpec(instrument, strategy, strategy.defaults(), RiskSettings.defaults(), ExecutionCosts.standard(),
                0.5, new BigDecimal("10000"));
    }

    public BacktestSpec withParameters(StrategyParameters parameters) {
        return new BacktestSpec(instrument, strategy, parameters, risk, costs, threshold, initialEquity);
    }

    public BacktestSpec withRisk(RiskSettings risk) {
        return new BacktestSpec(instrument, strategy, parameters, risk, costs, threshold, initialEquity);
    }

    public BacktestSpec withThreshold(double threshold) {
        return new BacktestSpec(instrument, strategy, parameters, risk, costs, threshold, initialEquity);
    }
}
