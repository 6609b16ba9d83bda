package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Ema;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/** Fast EMA against slow EMA (9/21 by default): the spread relative to the slow one, full at {@code full_scale_pct}. */
public final class EmaCrossover extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("ema_crossover", Category.MOMENTUM,
            "Fast vs slow exponential moving average: long while the fast one is above, short while below.",
            List.of(ParameterSpec.bars("lookback", "bars of the slow EMA", 21, 3, 1000),
                    ParameterSpec.bars("fast", "bars of the fast EMA", 9, 1, 500),
                    ParameterSpec.number("full_scale_pct", "spread (percent of price) that gives a full signal", 0.2, 0.001, 20)),
            EmaCrossover::new);

    private final Ema fast;
    private final Ema slow;
    private final double scale;

    EmaCrossover(StrategyParameters p) {
        this(new Ema(p.bars("fast")), new Ema(p.bars("lookback")), p.get("full_scale_pct") / 100);
    }

    private EmaCrossover(Ema fast, Ema slow, double scale) {
        super(List.of(fast, slow), 0);
        this.fast = fast;
        this.slow = slow;
        this.scale = scale;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        double f = fast.update(close);
        double s = slow.update(close);
        return (f - s) / (s * scale);
    }

    @Override
    protected String describe() {
        return "fast EMA " + fmt(fast.value()) + " vs slow EMA " + fmt(slow.value());
    }
}
