package io.agenthub.core.agent;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.core.trading.TradingSettings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An agent's configuration, checked and turned into what the kernel runs: the instrument, the strategy with its
 * parameters, the signal threshold, risk settings and costs, the interval of its bars. A configuration that cannot run
 * is refused with every problem named, and the agent goes to {@code error} with them.
 *
 * <p>The signal threshold travels among the strategy's parameters as {@code threshold} (default
 * {@value #DEFAULT_THRESHOLD}); every other entry is a parameter of the strategy, checked against its bounds.
 */
public record AgentSettings(Instrument instrument, StrategyDefinition strategy, StrategyParameters parameters, double threshold,
                            RiskSettings risk, ExecutionCosts costs, int intervalSeconds) {

    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final int MAX_INTERVAL_SECONDS = 86_400;

    /** The configuration's settings, or the problems that keep it from running. */
    public sealed interface Checked permits Valid, Invalid {
    }

    public record Valid(AgentSettings settings) implements Checked {
    }

    public record Invalid(List<String> problems) implements Checked {
        public String reason() {
            return "invalid configuration: " + String.join("; ", problems);
        }
    }

    /**
     * What a configuration asks for, before it is checked. Risk settings and costs are read when checked (reading them
     * throws {@link IllegalArgumentException} for values out of range).
     */
    public record Draft(String symbol, String strategyName, Map<String, Double> params, int intervalSeconds,
                        Supplier<RiskSettings> risk, Supplier<ExecutionCosts> costs, AgentSpec.Advisors advisors) {
    }

    public static Checked check(Draft draft, Instruments instruments, StrategyCatalog catalog) {
        List<String> problems = new ArrayList<>();
        Instrument instrument = null;
        try {
            instrument = instruments.resolve(draft.symbol());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        StrategyDefinition strategy = catalog.find(draft.strategyName()).orElse(null);
        if (strategy == null) {
            problems.add("strategy '" + draft.strategyName() + "' is not in the catalogue");
        }
        Map<String, Double> params = new LinkedHashMap<>(draft.params());
        Double thresholdValue = params.remove("threshold");
        double threshold = thresholdValue == null ? DEFAULT_THRESHOLD : thresholdValue;
        if (!(threshold > 0 && threshold <= 1)) {
            problems.add("threshold must be within (0, 1], got " + threshold);
        }
        StrategyParameters parameters = null;
        if (strategy != null) {
            try {
                parameters = StrategyParameters.of(strategy, params);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        int interval = draft.intervalSeconds();
        if (interval < 1 || interval > MAX_INTERVAL_SECONDS) {
            problems.add("interval_seconds must be within 1.." + MAX_INTERVAL_SECONDS + ", got " + interval);
        }
        RiskSettings risk = null;
        try {
            risk = draft.risk().get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        ExecutionCosts costs = null;
        try {
            costs = draft.costs().get();
        } catch (IllegalArgumentException e) {
            problems.add("fees and slippage: " + e.getMessage());
        }
        problems.addAll(draft.advisors().problems());
        if (!problems.isEmpty()) {
            return new Invalid(List.copyOf(problems));
        }
        return new Valid(new AgentSettings(instrument, strategy, parameters, threshold, risk, costs, interval));
    }

    public TradingSettings agentSettings(AgentId agentId, BigDecimal initialEquity) {
        return new TradingSettings(agentId, instrument, risk, costs, threshold, initialEquity);
    }

    public long intervalMillis() {
        return intervalSeconds * 1000L;
    }

    /** What a configuration leaves to the service that runs the agent: the dynamic stop's k and reward:risk, maintenance margin. */
    public record RiskDefaults(BigDecimal atrMultiplier, BigDecimal rewardRisk, BigDecimal maintenanceMarginRate) {
        public static RiskDefaults standard() {
            RiskSettings d = RiskSettings.defaults();
            return new RiskDefaults(d.atrMultiplier(), d.rewardRisk(), d.maintenanceMarginRate());
        }
    }
}
