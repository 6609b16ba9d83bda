package io.agenthub.core.backtest.optimize;

import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Parameter search with a walk-forward split: every candidate is backtested on the first {@code inSampleFraction} of
 * the series (in parallel, on every core), the best by the objective is then backtested once on the rest. The
 * out-of-sample figures of that choice, next to the strategy's defaults on the same window, are what it reports.
 */
public final class WalkForward {

    private WalkForward() {
    }

    /**
     * @param progress called with the number of candidates done so far (from worker threads)
     */
    public static WalkForwardResult run(BacktestSpec base, BarSeries series, List<Candidate> candidates, double inSampleFraction,
                                        Objective objective, int parallelism, IntConsumer progress) {
        if (!(inSampleFraction > 0.1 && inSampleFraction < 0.95)) {
            throw new IllegalArgumentException("the in-sample share must be within 0.1..0.95, got " + inSampleFraction);
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("nothing to search: no candidates");
        }
        int splitIndex = (int) Math.round(series.size() * inSampleFraction);
        if (splitIndex < 1 || splitIndex >= series.size()) {
            throw new IllegalArgumentException("the series is too short to split");
        }
        long split = series.openTime(splitIndex);
        BarSeries inSample = series.slice(Long.MIN_VALUE, split);
        BarSeries outOfSample = series.slice(split, Long.MAX_VALUE);
        AtomicInteger done = new AtomicInteger();
        List<Evaluation> ranked;
        try (ForkJoinPool pool = new ForkJoinPool(Math.max(1, parallelism))) {
            ranked = pool.submit(() -> candidates.parallelStream().map(c -> {
                var statistics = Backtest.run(c.applyTo(base), inSample).statistics();
                progress.accept(done.incrementAndGet());
                return new Evaluation(c, statistics, objective.score(statistics));
            }).sorted(Comparator.comparingDouble(Evaluation::score).reversed()).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("search failed: " + e.getCause().getMessage(), e.getCause());
        }
        var oos = Backtest.run(ranked.getFirst().candidate().applyTo(base), outOfSample).statistics();
        var defaults = Backtest.run(base, outOfSample).statistics();
        return new WalkForwardResult(objective, split, ranked, oos, defaults);
    }
}
