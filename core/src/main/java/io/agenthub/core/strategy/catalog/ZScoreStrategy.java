package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.ZScore;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/** The negative z-score of the close against its rolling mean, a full signal at {@code entry_z} deviations. */
public final class ZScoreStrategy extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("z_score", Category.MEAN_REVERSION,
            "Negative z-score of the close vs its rolling mean and standard deviation: buy stretched lows, sell highs.",
            List.of(ParameterSpec.bars("lookback", "bars of the rolling mean", 20, 3, 1000),
                    ParameterSpec.number("entry_z", "deviations that give a full signal", 2, 0.25, 6)),
            ZScoreStrategy::new);

    private final ZScore z;
    private final double entryZ;

    ZScoreStrategy(StrategyParameters p) {
        this(new ZScore(p.bars("lookback")), p.get("entry_z"));
    }

    private ZScoreStrategy(ZScore z, double entryZ) {
        super(List.of(z), 0);
        this.z = z;
        this.entryZ = entryZ;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        return -z.update(close) / entryZ;
    }

    @Override
    protected String describe() {
        return "z-score " + fmt(z.value()) + " (mean " + fmt(z.mean()) + ", sd " + fmt(z.stdDev()) + ")";
    }
}
