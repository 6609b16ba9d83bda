package io.agenthub.supervisor.advice;

import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.trading.PositionSide;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trusts nothing a model says: a plan's strategy must be in the catalogue (else rejected); its lookback, threshold and
 * max loss are clamped into their bounds and the agent's; a supervision's stop must sit on the losing side of the price
 * (else rejected) and is pulled back within {@code max_loss_pct} of entry (rejected when even that is past the price); a
 * take-profit, if given, must lie beyond entry and the price.
 * Every change is written down.
 */
public final class AdviceValidator {

    /** An advice that passed, possibly changed, with what was changed. */
    public record Checked<T>(T advice, List<String> notes) {
    }

    /** Why an advice cannot be used at all. */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason);
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private final StrategyCatalog catalog;

    public AdviceValidator(StrategyCatalog catalog) {
        this.catalog = catalog;
    }

    public Checked<PlanAdvice> plan(PlanAdvice plan, AdvisorContext context) throws Rejected {
        StrategyDefinition strategy = plan.strategyName() == null ? null : catalog.find(plan.strategyName()).orElse(null);
        if (strategy == null) {
            throw new Rejected("strategy '" + plan.strategyName() + "' is not in the catalogue");
        }
        List<String> notes = new ArrayList<>();
        ParameterSpec lookbackSpec = strategy.parameter("lookback");
        int lookback = plan.lookback();
        if (lookback < lookbackSpec.min() || lookback > lookbackSpec.max()) {
            int clamped = (int) Math.max(lookbackSpec.min(), Math.min(lookbackSpec.max(), lookback));
            notes.add("lookback " + lookback + " clamped to " + clamped);
            lookback = clamped;
        }
        BigDecimal threshold = plan.threshold() == null ? new BigDecimal("0.5") : plan.threshold();
        if (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
            BigDecimal clamped = threshold.signum() <= 0 ? new BigDecimal("0.05") : BigDecimal.ONE;
            notes.add("threshold " + threshold.toPlainString() + " clamped to " + clamped.toPlainString());
            threshold = clamped;
        }
        BigDecimal bound = context.bounds().maxLoss();
        BigDecimal maxLoss = plan.maxLossPct() == null ? bound : plan.maxLossPct();
        if (maxLoss.signum() <= 0 || maxLoss.compareTo(bound) > 0) {
            notes.add("max_loss_pct " + maxLoss.toPlainString() + " clamped to the agent's " + bound.toPlainString());
            maxLoss = bound;
        }
        for (String name : plan.params().keySet()) {
            if (strategy.parameter(name) == null) {
                throw new Rejected("parameter '" + name + "' is not one of " + strategy.name() + "'s");
            }
        }
        return new Checked<>(new PlanAdvice(strategy.name(), lookback, threshold, maxLoss, Map.of(), plan.reasoning(), plan.evidence()), notes);
    }

    public Checked<SupervisionAdvice> supervision(SupervisionAdvice advice, AdvisorContext context) throws Rejected {
        if (advice.action() == null) {
            throw new Rejected("no action");
        }
        if (advice.action() != SupervisionAdvice.Action.ADJUST_TP_SL) {
            return new Checked<>(new SupervisionAdvice(advice.action(), null, null, advice.reasoning()), List.of());
        }
        AdvisorContext.OpenPosition position = context.position();
        if (position == null) {
            throw new Rejected("ADJUST_TP_SL without an open position");
        }
        if (advice.stopLoss() == null || advice.stopLoss().signum() <= 0) {
            throw new Rejected("ADJUST_TP_SL needs a positive stop_loss");
        }
        boolean isLong = position.side() == PositionSide.LONG;
        BigDecimal last = context.lastPrice();
        BigDecimal entry = position.entryPrice();
        BigDecimal stop = advice.stopLoss();
        BigDecimal target = advice.takeProfit();
        if (isLong ? stop.compareTo(last) >= 0 : stop.compareTo(last) <= 0) {
            throw new Rejected("stop " + stop.toPlainString() + " is on the wrong side of the price " + last.toPlainString());
        }
        List<String> notes = new ArrayList<>();
        BigDecimal lossBound = entry.multiply(context.bounds().maxLoss()).divide(HUNDRED, 12, RoundingMode.HALF_EVEN);
        BigDecimal widest = (isLong ? entry.subtract(lossBound) : entry.add(lossBound)).stripTrailingZeros();
        if (isLong ? stop.compareTo(widest) < 0 : stop.compareTo(widest) > 0) {
            if (isLong ? widest.compareTo(last) >= 0 : widest.compareTo(last) <= 0) {
                throw new Rejected("the price " + last.toPlainString() + " is already beyond max loss " + context.bounds().maxLoss().toPlainString()
                        + " % from entry " + entry.toPlainString() + ": no stop within it is on the losing side");
            }
            notes.add("stop " + stop.toPlainString() + " is beyond max loss " + context.bounds().maxLoss().toPlainString()
                    + " % from entry; moved to " + widest.toPlainString());
            stop = widest;
        }
        // no take-profit: the current one stays
        if (target != null && (isLong ? target.compareTo(entry.max(last)) <= 0 : target.compareTo(entry.min(last)) >= 0)) {
            throw new Rejected("take-profit " + target.toPlainString() + " is not beyond entry " + entry.toPlainString()
                    + " and the price " + last.toPlainString());
        }
        return new Checked<>(new SupervisionAdvice(advice.action(), stop, target, advice.reasoning()), notes);
    }
}
