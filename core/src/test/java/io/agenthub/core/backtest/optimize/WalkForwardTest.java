package io.agenthub.core.backtest.optimize;

import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalkForwardTest {

    private static BarSeries series;
    private static final StrategyDefinition EMA = StrategyCatalog.builtIn().require("ema_crossover");

    @BeforeAll
    static void load() throws Exception {
        series = BarSeries.fromCsv(BundledDataset.require(), BundledDataset.SYMBOL).aggregate(Timeframe.parse("5m"));
    }

    private static BacktestSpec base() {
        return BacktestSpec.defaults(Instruments.defaults().resolve("BTC/USDT"), EMA);
    }

    @Test
    void shouldSpanEveryCombinationOrADistinctRandomSubset() {
        SearchSpace space = SearchSpace.around(EMA);

        assertThat(space.lookbacks()).containsExactly(11, 16, 21, 32, 42);
        assertThat(space.grid()).hasSize(space.size()).hasSize(5 * 3 * 3 * 3);
        List<Candidate> sample = space.random(20, 7);
        assertThat(new HashSet<>(sample)).hasSize(20);
        assertThat(space.random(20, 7)).isEqualTo(sample);
    }

    @Test
    void shouldPickTheBestInSampleAndReportItsOutOfSampleResult() {
        List<Candidate> candidates = SearchSpace.around(EMA).random(24, 1);
        AtomicInteger progress = new AtomicInteger();

        WalkForwardResult result = WalkForward.run(base(), series, candidates, 0.7, Objective.SHARPE, 2, progress::set);

        assertThat(progress.get()).isEqualTo(24);
        assertThat(result.ranked()).hasSize(24);
        for (int i = 1; i < result.ranked().size(); i++) {
            assertThat(result.ranked().get(i - 1).score()).isGreaterThanOrEqualTo(result.ranked().get(i).score());
        }
        BarSeries outOfSample = series.slice(result.splitTime(), Long.MAX_VALUE);
        assertThat(outOfSample.openTime(0)).isGreaterThanOrEqualTo(result.splitTime());
        assertThat(result.outOfSample()).isEqualTo(Backtest.run(result.best().candidate().applyTo(base()), outOfSample).statistics());
    }

    @Test
    void shouldRankTheSameWhetherRunOnOneCoreOrTwo() {
        List<Candidate> candidates = SearchSpace.around(EMA).random(12, 3);

        WalkForwardResult one = WalkForward.run(base(), series, candidates, 0.6, Objective.RETURN, 1, n -> { });
        WalkForwardResult two = WalkForward.run(base(), series, candidates, 0.6, Objective.RETURN, 2, n -> { });

        assertThat(two.ranked()).extracting(Evaluation::candidate).containsExactlyElementsOf(
                one.ranked().stream().map(Evaluation::candidate).toList());
        assertThat(two.outOfSample()).isEqualTo(one.outOfSample());
    }

    @Test
    void shouldRefuseASplitThatLeavesNothingToTestOn() {
        assertThatThrownBy(() -> WalkForward.run(base(), series, SearchSpace.around(EMA).grid(), 0.99, Objective.SHARPE, 1, n -> { }))
                .hasMessageContaining("in-sample share must be within 0.1..0.95");
        assertThatThrownBy(() -> Objective.parse("alpha")).hasMessageContaining("not one of sharpe");
    }
}
