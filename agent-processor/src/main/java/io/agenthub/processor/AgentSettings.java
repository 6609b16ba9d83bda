package io.agenthub.processor;

import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.core.trading.TpSlMode;
import io.agenthub.core.trading.TradingAgent;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.RiskParams;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's configuration from {@code agents.config}, checked and turned into what the step function runs: the
 * instrument, the strategy with its parameters, the signal threshold, risk settings and costs. A configuration that
 * cannot run is refused with every problem named, and the agent goes to {@code error} with them.
 *
 * <p>The signal threshold travels in {@code strategyParams} as {@code threshold} (default {@value #DEFAULT_THRESHOLD});
 * every other entry is a parameter of the strategy, checked against its bounds.
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

    public static Checked check(AgentConfig config, Instruments instruments, StrategyCatalog catalog, RiskDefaults defaults) {
        List<String> problems = new ArrayList<>();
        Instrument instrument = null;
        try {
            instrument = instruments.resolve(config.getSymbol());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        StrategyDefinition strategy = catalog.find(config.getStrategyName()).orElse(null);
        if (strategy == null) {
            problems.add("strategy '" + config.getStrategyName() + "' is not in the catalogue");
        }
        Map<String, Double> params = new LinkedHashMap<>();
        config.getStrategyParams().forEach((name, value) -> params.put(name, value.doubleValue()));
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
        int interval = config.getIntervalSeconds();
        if (interval < 1 || interval > MAX_INTERVAL_SECONDS) {
            problems.add("interval_seconds must be within 1.." + MAX_INTERVAL_SECONDS + ", got " + interval);
        }
        RiskSettings risk = null;
        try {
            risk = risk(config.getRisk(), defaults);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        ExecutionCosts costs = null;
        try {
            costs = new ExecutionCosts(Decimals.fromWire(config.getFees().getMakerRate()), Decimals.fromWire(config.getFees().getTakerRate()),
                    Decimals.fromWire(config.getSlippageBps()));
        } catch (IllegalArgumentException e) {
            problems.add("fees and slippage: " + e.getMessage());
        }
        if (config.getPlanner().getEnabled() && config.getPlanner().getEveryNBars() < 1) {
            problems.add("planner every_n_bars must be at least 1");
        }
        if (config.getSupervisor().getEnabled() && config.getSupervisor().getEveryNTicks() < 1) {
            problems.add("supervisor every_n_ticks must be at least 1");
        }
        Integer seconds = config.getSupervisor().getEveryNSeconds();
        if (config.getSupervisor().getEnabled() && seconds != null && seconds < 1) {
            problems.add("supervisor every_n_seconds must be at least 1");
        }
        if (!problems.isEmpty()) {
            return new Invalid(List.copyOf(problems));
        }
        return new Valid(new AgentSettings(instrument, strategy, parameters, threshold, risk, costs, interval));
    }

    /** The wire's risk parameters with the processor's defaults for what the wire does not carry. */
    static RiskSettings risk(RiskParams wire, RiskDefaults defaults) {
        return new RiskSettings(Decimals.fromWire(wire.getMaxPositionUsd()), Decimals.fromWire(wire.getStopLossPct()),
                Decimals.fromWire(wire.getTakeProfitPct()), wire.getLeverage(), Decimals.fromWire(wire.getMaxLossPct()),
                Decimals.fromWire(wire.getLossLimitPct()), wire.getAllowShort(), TpSlMode.valueOf(wire.getTpSlMode().name()),
                defaults.atrMultiplier(), defaults.rewardRisk(), defaults.maintenanceMarginRate());
    }

    public TradingAgent.Settings agentSettings(String agentId, BigDecimal initialEquity) {
        return new TradingAgent.Settings(agentId, instrument, risk, costs, threshold, initialEquity);
    }

    public long intervalMillis() {
        return intervalSeconds * 1000L;
    }

    /** What the wire's risk parameters leave to the processor: the dynamic stop's k and reward:risk, maintenance margin. */
    public record RiskDefaults(BigDecimal atrMultiplier, BigDecimal rewardRisk, BigDecimal maintenanceMarginRate) {
        public static RiskDefaults standard() {
            RiskSettings d = RiskSettings.defaults();
            return new RiskDefaults(d.atrMultiplier(), d.rewardRisk(), d.maintenanceMarginRate());
        }
    }
}
