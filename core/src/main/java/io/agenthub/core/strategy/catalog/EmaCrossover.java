package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Ema;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.MovingAverageCrossover;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/** Fast EMA against slow EMA (9/21 by default). */
public final class EmaCrossover extends MovingAverageCrossover {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("ema_crossover", Category.MOMENTUM,
            "Fast vs slow exponential moving average: long while the fast one is above, short while below.",
            List.of(ParameterSpec.bars("lookback", "bars of the slow EMA", 21, 3, 1000),
                    ParameterSpec.bars("fast", "bars of the fast EMA", 9, 1, 500),
                    ParameterSpec.number("full_scale_pct", "spread (percent of price) that gives a full signal", 0.2, 0.001, 20)),
            EmaCrossover::new);

    EmaCrossover(StrategyParameters p) {
        super(new Ema(p.bars("fast")), new Ema(p.bars("lookback")), p.get("full_scale_pct") / 100, "EMA");
    }
}
