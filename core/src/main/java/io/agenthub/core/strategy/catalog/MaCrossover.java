package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Sma;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/** Fast SMA against slow SMA: the spread relative to the slow one, a full signal at {@code full_scale_pct}. */
public final class MaCrossover extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("ma_crossover", Category.MOMENTUM,
            "Fast vs slow simple moving average: long while the fast one is above, short while below.",
            List.of(ParameterSpec.bars("lookback", "bars of the slow average", 30, 3, 1000),
                    ParameterSpec.bars("fast", "bars of the fast average", 10, 1, 500),
                    ParameterSpec.number("full_scale_pct", "spread (percent of price) that gives a full signal", 0.2, 0.001, 20)),
            MaCrossover::new);

    private final Sma fast;
    private final Sma slow;
    private final double scale;

    MaCrossover(StrategyParameters p) {
        this(new Sma(p.bars("fast")), new Sma(p.bars("lookback")), p.get("full_scale_pct") / 100);
    }

    private MaCrossover(Sma fast, Sma slow, double scale) {
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
        return "fast SMA " + fmt(fast.value()) + " vs slow SMA " + fmt(slow.value());
    }
}
