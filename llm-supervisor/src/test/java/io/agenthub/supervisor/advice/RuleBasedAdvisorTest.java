package io.agenthub.supervisor.advice;

import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.trading.PositionSide;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuleBasedAdvisorTest {

    private static final Symbol BTC = new Symbol("BTC", "USDT");
    private static final AdvisorContext.Bounds BOUNDS = new AdvisorContext.Bounds(new BigDecimal("2"), new BigDecimal("4"), new BigDecimal("3"), 1, false);
    private final RuleBasedAdvisor advisor = new RuleBasedAdvisor(StrategyCatalog.builtIn(), Instruments.defaults());

    /** {@code n} real one-minute candles from the bundled dataset, starting at bar {@code from}. */
    private static List<Bar> real(int from, int n) throws IOException {
        BarSeries series = BarSeries.fromCsv(BundledDataset.require(), BTC);
        List<Bar> bars = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            bars.add(new Bar(BTC, Timeframe.ONE_MINUTE, Instant.ofEpochMilli(series.openTime(i)), BigDecimal.valueOf(series.open(i)),
                    BigDecimal.valueOf(series.high(i)), BigDecimal.valueOf(series.low(i)), BigDecimal.valueOf(series.close(i)),
                    BigDecimal.valueOf(series.volume(i))));
        }
        return bars;
    }

    /** Flat bars with a fixed true range, for exact supervision arithmetic. */
    private static List<Bar> flat(double price, double range, int n) {
        List<Bar> bars = new ArrayList<>();
        Instant t = Instant.parse("2023-03-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            BigDecimal p = BigDecimal.valueOf(price);
            bars.add(new Bar(BTC, Timeframe.ONE_MINUTE, t.plusSeconds(60L * i), p, BigDecimal.valueOf(price + range / 2),
                    BigDecimal.valueOf(price - range / 2), p, BigDecimal.ONE));
        }
        return bars;
    }

    private static AdvisorContext context(List<Bar> bars, String last, AdvisorContext.CurrentPlan plan, AdvisorContext.OpenPosition position) {
        return new AdvisorContext("a1", "BTC/USDT", 60, bars, new BigDecimal(last), Map.of(), plan, position, BOUNDS);
    }

    @Test
    void shouldPickTheStrategyThatMadeMostOverTheRecentBarsAndShowTheEvidence() throws IOException {
        List<Bar> bars = real(5_000, 240);
        AdvisorContext context = context(bars, bars.getLast().close().toPlainString(), null, null);

        PlanAdvice plan = advisor.plan(context);
        List<RuleBasedAdvisor.Candidate> candidates = advisor.backtests(context);

        assertThat(candidates).hasSizeGreaterThan(10);
        assertThat(candidates).isSortedAccordingTo((a, b) -> Double.compare(b.netPnl(), a.netPnl()));
        if (candidates.getFirst().netPnl() > 0) {
            assertThat(plan.strategyName()).isEqualTo(candidates.getFirst().strategy().name());
        }
        assertThat(StrategyCatalog.builtIn().find(plan.strategyName())).isPresent();
        assertThat(plan.lookback()).isPositive();
        assertThat(plan.threshold()).isEqualByComparingTo("0.5");
        assertThat(plan.maxLossPct()).as("never beyond the agent's bound").isEqualByComparingTo("3");
        assertThat(plan.evidence()).contains("backtests of " + candidates.size() + " strategies over the last 240 bars")
                .contains(candidates.getFirst().strategy().name());
    }

    @Test
    void shouldKeepTheCurrentPlanWhenThereIsTooLittleHistory() throws IOException {
        AdvisorContext.CurrentPlan current = new AdvisorContext.CurrentPlan("rsi_signal", 14, new BigDecimal("0.6"), new BigDecimal("2.5"));

        PlanAdvice plan = advisor.plan(context(real(0, 10), "23000", current, null));

        assertThat(plan.strategyName()).isEqualTo("rsi_signal");
        assertThat(plan.lookback()).isEqualTo(14);
        assertThat(plan.threshold()).isEqualByComparingTo("0.6");
        assertThat(plan.reasoning()).startsWith("the current plan stays").contains("only 10 bars");
    }

    @Test
    void shouldTrailTheStopTwoAtrsBehindThePriceAndAimAtTwiceTheRiskWhenLongIsInProfit() {
        // ATR of bars with a constant true range of 40 is 40: the trail is 2 x 40 = 80 below the last price
        AdvisorContext.OpenPosition position = new AdvisorContext.OpenPosition(PositionSide.LONG, BigDecimal.ONE,
                new BigDecimal("20000"), new BigDecimal("19600"), new BigDecimal("20800"), new BigDecimal("500"));

        SupervisionAdvice advice = advisor.supervise(context(flat(20500, 40, 40), "20500", null, position));

        assertThat(advice.action()).isEqualTo(SupervisionAdvice.Action.ADJUST_TP_SL);
        assertThat(advice.stopLoss()).isEqualByComparingTo("20420");
        assertThat(advice.takeProfit()).as("risk is negative once the stop is above entry: the target stays").isEqualByComparingTo("20800");
    }

    @Test
    void shouldNeverPlaceTheStopBeyondMaxLossAndNeverLoosenIt() {
        AdvisorContext.OpenPosition fresh = new AdvisorContext.OpenPosition(PositionSide.LONG, BigDecimal.ONE,
                new BigDecimal("20000"), null, null, BigDecimal.ZERO);
        // ATR 1000: a 2-ATR trail would be 18000, beyond the 3 % max loss (19400)
        SupervisionAdvice wide = advisor.supervise(context(flat(20000, 1000, 40), "20000", null, fresh));
        assertThat(wide.stopLoss()).isEqualByComparingTo("19400");
        assertThat(wide.takeProfit()).isEqualByComparingTo("21200");

        AdvisorContext.OpenPosition tight = new AdvisorContext.OpenPosition(PositionSide.LONG, BigDecimal.ONE,
                new BigDecimal("20000"), new BigDecimal("19990"), new BigDecimal("20020"), BigDecimal.ZERO);
        SupervisionAdvice keep = advisor.supervise(context(flat(20000, 40, 40), "20000", null, tight));
        assertThat(keep.action()).as("a looser trail never widens a tighter stop").isEqualTo(SupervisionAdvice.Action.KEEP);
    }

    @Test
    void shouldMirrorTheRulesForShortsAndCloseWhenPriceIsBeyondMaxLoss() {
        AdvisorContext.OpenPosition shortPosition = new AdvisorContext.OpenPosition(PositionSide.SHORT, BigDecimal.ONE,
                new BigDecimal("20000"), null, null, BigDecimal.ZERO);
        SupervisionAdvice adjust = advisor.supervise(context(flat(19800, 40, 40), "19800", null, shortPosition));
        assertThat(adjust.stopLoss()).isEqualByComparingTo("19880");
        assertThat(adjust.takeProfit()).as("risk 20000 - 19880 is negative for a short: no target").isNull();

        SupervisionAdvice close = advisor.supervise(context(flat(20700, 40, 40), "20700", null, shortPosition));
        assertThat(close.action()).isEqualTo(SupervisionAdvice.Action.CLOSE);
        assertThat(close.reasoning()).contains("beyond the stop 20600");
    }

    @Test
    void shouldKeepWhenThereIsNoPositionOrTooFewBars() {
        assertThat(advisor.supervise(context(flat(100, 1, 40), "100", null, null)).action()).isEqualTo(SupervisionAdvice.Action.KEEP);
        AdvisorContext.OpenPosition position = new AdvisorContext.OpenPosition(PositionSide.LONG, BigDecimal.ONE, new BigDecimal("100"),
                null, null, BigDecimal.ZERO);
        assertThat(advisor.supervise(context(flat(100, 1, 5), "100", null, position)).reasoning()).contains("not enough bars");
    }
}
