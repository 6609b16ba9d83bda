package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Supertrend;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/** The Supertrend direction: +1 in an uptrend, -1 in a downtrend. */
public final class SupertrendStrategy extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("supertrend", Category.MOMENTUM,
            "ATR-band trend direction: long while the Supertrend is up, short while down; a flip reverses.",
            List.of(ParameterSpec.bars("lookback", "ATR bars", 10, 2, 500),
                    ParameterSpec.number("multiplier", "band width in ATRs", 3, 0.5, 10)),
            SupertrendStrategy::new);

    private final Supertrend supertrend;

    SupertrendStrategy(StrategyParameters p) {
        this(new Supertrend(p.bars("lookback"), p.get("multiplier")));
    }

    private SupertrendStrategy(Supertrend supertrend) {
        super(List.of(supertrend), 0);
        this.supertrend = supertrend;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        supertrend.update(high, low, close);
        return supertrend.direction();
    }

    @Override
    protected String describe() {
        return (supertrend.direction() > 0 ? "uptrend" : "downtrend") + (supertrend.flipped() ? " (just flipped)" : "")
                + ", line " + fmt(supertrend.line());
    }
}
