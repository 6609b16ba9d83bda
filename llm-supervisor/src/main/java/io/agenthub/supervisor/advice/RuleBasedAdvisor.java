package io.agenthub.supervisor.advice;

import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestResult;
import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.indicators.Atr;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.PositionSide;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.core.trading.TpSlMode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides by rules, from evidence: the planner backtests every catalogue strategy (default parameters) over the
 * request's recent bars with the agent's own risk bounds and picks the one that made the most, keeping the current
 * plan when none made money; the supervisor trails the stop at {@value #ATR_MULTIPLIER} ATR behind the price (only
 * ever tightening it, never beyond {@code max_loss_pct} from entry) and sets the target at {@value #REWARD_RISK}:1
 * reward to risk. Always available: the LLM advisors fall back to it.
 */
public final class RuleBasedAdvisor implements Advisor {

    static final double ATR_MULTIPLIER = 2;
    static final double REWARD_RISK = 2;
    static final int ATR_PERIOD = 14;
    static final int MIN_BARS = 30;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("0.5");

    private final StrategyCatalog catalog;
    private final Instruments instruments;

    public RuleBasedAdvisor(StrategyCatalog catalog, Instruments instruments) {
        this.catalog = catalog;
        this.instruments = instruments;
    }

    @Override
    public String provider() {
        return "rules";
    }

    /** One candidate's backtest over the recent bars (also the evidence an LLM is shown). */
    public record Candidate(StrategyDefinition strategy, double netPnl, int trades, double maxDrawdown) {
        public String line() {
            return String.format(Locale.ROOT, "%s %+.2f (%d trades, max drawdown %.1f %%)", strategy.name(), netPnl, trades, maxDrawdown * 100);
        }
    }

    @Override
    public PlanAdvice plan(AdvisorContext context) {
        AdvisorContext.CurrentPlan current = context.currentPlan();
        if (context.bars().size() < MIN_BARS) {
            return keep(context, "only " + context.bars().size() + " bars of history (" + MIN_BARS + " needed to compare strategies)", "none");
        }
        List<Candidate> candidates = backtests(context);
        if (candidates.isEmpty()) {
            return keep(context, "no strategy's warm-up fits in " + context.bars().size() + " bars", "none");
        }
        String evidence = "backtests of " + candidates.size() + " strategies over the last " + context.bars().size() + " bars of "
                + context.intervalSeconds() + " s: " + String.join("; ", candidates.stream().limit(5).map(Candidate::line).toList());
        Candidate best = candidates.getFirst();
        if (best.netPnl() <= 0 && current != null) {
            return keep(context, "no strategy made money over the recent bars (best: " + best.line() + ")", evidence);
        }
        StrategyParameters defaults = best.strategy().defaults();
        return new PlanAdvice(best.strategy().name(), (int) defaults.get("lookback"), DEFAULT_THRESHOLD, context.bounds().maxLoss(),
                Map.of(), "best of the recent backtests: " + best.line(), evidence);
    }

    private PlanAdvice keep(AdvisorContext context, String why, String evidence) {
        AdvisorContext.CurrentPlan current = context.currentPlan();
        if (current != null) {
            return new PlanAdvice(current.strategyName(), current.lookback(), current.threshold(), current.maxLossPct(), Map.of(),
                    "the current plan stays: " + why, evidence);
        }
        StrategyDefinition fallback = catalog.require("ema_crossover");
        return new PlanAdvice(fallback.name(), (int) fallback.defaults().get("lookback"), DEFAULT_THRESHOLD, context.bounds().maxLoss(),
                Map.of(), "trend following by default: " + why, evidence);
    }

    public List<Candidate> backtests(AdvisorContext context) {
        Instrument instrument = instruments.resolve(context.symbol());
        BarSeries series = BarSeries.of(context.bars());
        AdvisorContext.Bounds bounds = context.bounds();
        RiskSettings defaults = RiskSettings.defaults();
        RiskSettings risk = new RiskSettings(defaults.maxPositionUsd(), bounds.stopLossPct(), bounds.takeProfitPct(), bounds.leverage(),
                bounds.maxLoss(), null, bounds.allowShort(), TpSlMode.FIXED, defaults.atrMultiplier(), defaults.rewardRisk(),
                defaults.maintenanceMarginRate());
        ExecutionCosts costs = new ExecutionCosts(new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("2"));
        List<Candidate> candidates = new ArrayList<>();
        for (StrategyDefinition strategy : catalog.all()) {
            StrategyParameters parameters = strategy.defaults();
            if (strategy.warmup(parameters) > context.bars().size() / 2) {
                continue;
            }
            BacktestResult result = Backtest.run(new BacktestSpec(instrument, strategy, parameters, risk, costs, DEFAULT_THRESHOLD.doubleValue(),
                    defaults.maxPositionUsd().multiply(BigDecimal.TEN)), series);
            candidates.add(new Candidate(strategy, result.statistics().netPnl().doubleValue(), result.statistics().trades(),
                    result.statistics().maxDrawdown()));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::netPnl).reversed().thenComparing(c -> c.strategy().name()));
        return candidates;
    }

    @Override
    public SupervisionAdvice supervise(AdvisorContext context) {
        AdvisorContext.OpenPosition position = context.position();
        if (position == null) {
            return SupervisionAdvice.keep("no open position");
        }
        double atr = atr(context);
        if (!(atr > 0)) {
            return SupervisionAdvice.keep("not enough bars for an ATR(" + ATR_PERIOD + ") yet");
        }
        Instrument instrument = instruments.resolve(context.symbol());
        boolean isLong = position.side() == PositionSide.LONG;
        BigDecimal last = context.lastPrice();
        BigDecimal entry = position.entryPrice();
        BigDecimal distance = BigDecimal.valueOf(ATR_MULTIPLIER * atr);
        BigDecimal lossBound = entry.multiply(context.bounds().maxLoss()).divide(HUNDRED, 12, RoundingMode.HALF_EVEN);
        BigDecimal widest = isLong ? entry.subtract(lossBound) : entry.add(lossBound);
        BigDecimal trail = isLong ? last.subtract(distance) : last.add(distance);
        BigDecimal stop = isLong ? trail.max(widest) : trail.min(widest);
        if (position.stopLoss() != null) {
            stop = isLong ? stop.max(position.stopLoss()) : stop.min(position.stopLoss());
        }
        stop = stop.setScale(instrument.priceScale(), isLong ? RoundingMode.CEILING : RoundingMode.FLOOR);
        if (isLong ? stop.compareTo(last) >= 0 : stop.compareTo(last) <= 0) {
            return new SupervisionAdvice(SupervisionAdvice.Action.CLOSE, null, null, "the price " + last.toPlainString()
                    + " is already beyond the stop " + stop.toPlainString() + " (max loss " + context.bounds().maxLoss().toPlainString() + " % from entry)");
        }
        BigDecimal risk = isLong ? entry.subtract(stop) : stop.subtract(entry);
        BigDecimal target = risk.signum() > 0
                ? (isLong ? entry.add(risk.multiply(BigDecimal.valueOf(REWARD_RISK))) : entry.subtract(risk.multiply(BigDecimal.valueOf(REWARD_RISK))))
                : position.takeProfit();
        if (target != null) {
            target = target.setScale(instrument.priceScale(), isLong ? RoundingMode.CEILING : RoundingMode.FLOOR);
            if (isLong ? target.compareTo(last) <= 0 : target.compareTo(last) >= 0) {
                target = null; // the price is already past it: the trailing stop guards the profit, the current target stays
            }
        }
        boolean stopMoved = position.stopLoss() == null || stop.subtract(position.stopLoss()).abs().doubleValue() > 0.1 * atr;
        if (!stopMoved) {
            return SupervisionAdvice.keep(String.format(Locale.ROOT, "the stop %s is within 0.1 ATR of a %.1f ATR trail; nothing to tighten",
                    position.stopLoss().toPlainString(), ATR_MULTIPLIER));
        }
        return new SupervisionAdvice(SupervisionAdvice.Action.ADJUST_TP_SL, stop, target, String.format(Locale.ROOT,
                "trail the stop %.1f ATR (ATR %s) behind %s, never beyond max loss %s %% from entry %s; target %s:1 reward to risk",
                ATR_MULTIPLIER, BigDecimal.valueOf(atr).setScale(instrument.priceScale(), RoundingMode.HALF_EVEN).toPlainString(),
                last.toPlainString(), context.bounds().maxLoss().toPlainString(), entry.toPlainString(), (int) REWARD_RISK));
    }

    private static double atr(AdvisorContext context) {
        Atr atr = new Atr(ATR_PERIOD);
        for (Bar bar : context.bars()) {
            atr.update(bar.high().doubleValue(), bar.low().doubleValue(), bar.close().doubleValue());
        }
        return atr.count() > ATR_PERIOD ? atr.value() : Double.NaN;
    }
}
