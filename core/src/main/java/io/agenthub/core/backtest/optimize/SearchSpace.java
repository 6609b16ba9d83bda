package io.agenthub.core.backtest.optimize;

import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The values a search tries: for the strategy's lookback, a spread around its default within its bounds; and for the
 * signal threshold, stop-loss and take-profit, a few sensible levels. Other strategy parameters keep their defaults.
 */
public record SearchSpace(StrategyDefinition strategy, List<Integer> lookbacks, List<Double> thresholds,
                          List<BigDecimal> stopLossPcts, List<BigDecimal> takeProfitPcts) {

    public SearchSpace {
        lookbacks = List.copyOf(lookbacks);
        thresholds = List.copyOf(thresholds);
        stopLossPcts = List.copyOf(stopLossPcts);
        takeProfitPcts = List.copyOf(takeProfitPcts);
        if (lookbacks.isEmpty() || thresholds.isEmpty() || stopLossPcts.isEmpty() || takeProfitPcts.isEmpty()) {
            throw new IllegalArgumentException("every dimension of a search space needs at least one value");
        }
    }

    /** Lookback at ½, ¾, 1, 1½ and 2 × default (within bounds); thresholds 0.3/0.5/0.7; SL 1/2/3 %; TP 2/4/6 %. */
    public static SearchSpace around(StrategyDefinition strategy) {
        ParameterSpec lookback = strategy.parameter("lookback");
        LinkedHashSet<Integer> values = new LinkedHashSet<>();
        for (double factor : new double[]{0.5, 0.75, 1, 1.5, 2}) {
            long v = Math.round(lookback.defaultValue() * factor);
            values.add((int) Math.max(lookback.min(), Math.min(lookback.max(), v)));
        }
        return new SearchSpace(strategy, List.copyOf(values), List.of(0.3, 0.5, 0.7),
                List.of(new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("3")),
                List.of(new BigDecimal("2"), new BigDecimal("4"), new BigDecimal("6")));
    }

    public int size() {
        return lookbacks.size() * thresholds.size() * stopLossPcts.size() * takeProfitPcts.size();
    }

    /** Every combination. */
    public List<Candidate> grid() {
        List<Candidate> candidates = new ArrayList<>(size());
        for (int lookback : lookbacks) {
            StrategyParameters parameters = withLookback(lookback);
            for (double threshold : thresholds) {
                for (BigDecimal sl : stopLossPcts) {
                    for (BigDecimal tp : takeProfitPcts) {
                        candidates.add(new Candidate(parameters, threshold, sl, tp));
                    }
                }
            }
        }
        return candidates;
    }

    /** {@code count} distinct combinations drawn at random (all of them if the space is smaller). */
    public List<Candidate> random(int count, long seed) {
        List<Candidate> all = grid();
        if (count >= all.size()) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = all.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Candidate swap = all.get(i);
            all.set(i, all.get(j));
            all.set(j, swap);
        }
        return List.copyOf(all.subList(0, count));
    }

    private StrategyParameters withLookback(int lookback) {
        Map<String, Double> values = new LinkedHashMap<>(strategy.defaults().asMap());
        values.put("lookback", (double) lookback);
        return StrategyParameters.of(strategy, values);
    }
}
