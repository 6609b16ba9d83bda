package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Sma;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.MovingAverageCrossover;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/** Fast SMA against slow SMA. */
public final class MaCrossover extends MovingAverageCrossover {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("ma_crossover", Category.MOMENTUM,
            "Fast vs slow simple moving average: long while the fast one is above, short while below.",
            List.of(ParameterSpec.bars("lookback", "bars of the slow average", 30, 3, 1000),
                    ParameterSpec.bars("fast", "bars of the fast average", 10, 1, 500),
                    ParameterSpec.number("full_scale_pct", "spread (percent of price) that gives a full signal", 0.2, 0.001, 20)),
            MaCrossover::new);

    MaCrossover(StrategyParameters p) {
        super(new Sma(p.bars("fast")), new Sma(p.bars("lookback")), p.get("full_scale_pct") / 100, "SMA");
    }
}
