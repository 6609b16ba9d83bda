package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.RateOfChange;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/** Rate of change over {@code lookback} bars, scaled so that a move of {@code full_scale_pct} is a full signal. */
public final class Momentum extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("momentum", Category.MOMENTUM,
            "Rate of change over the lookback, scaled to [-1, 1]: rising prices give a long bias, falling a short one.",
            List.of(ParameterSpec.bars("lookback", "bars the rate of change spans", 20, 2, 500),
                    ParameterSpec.number("full_scale_pct", "move (percent) that gives a full signal", 1.0, 0.01, 50)),
            Momentum::new);

    private final RateOfChange roc;
    private final double scale;

    Momentum(StrategyParameters p) {
        this(new RateOfChange(p.bars("lookback")), p.get("full_scale_pct") / 100);
    }

    private Momentum(RateOfChange roc, double scale) {
        super(List.of(roc), 0);
        this.roc = roc;
        this.scale = scale;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        return scaled(roc.update(close), scale);
    }

    @Override
    protected String describe() {
        return "rate of change " + fmt(100 * roc.value()) + " %";
    }
}
