package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.RateOfChange;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/**
 * Short-horizon against long-horizon momentum: a signal only when both point the same way, as strong as the weaker
 * of the two (scaled by {@code full_scale_pct}).
 */
public final class DualMomentum extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("dual_momentum", Category.MOMENTUM,
            "Short-horizon vs long-horizon momentum: acts only when both agree, as strongly as the weaker one.",
            List.of(ParameterSpec.bars("lookback", "bars of the long horizon", 60, 5, 1000),
                    ParameterSpec.bars("short_lookback", "bars of the short horizon", 15, 2, 500),
                    ParameterSpec.number("full_scale_pct", "move (percent) that gives a full signal", 1.0, 0.01, 50)),
            DualMomentum::new);

    private final RateOfChange shortRoc;
    private final RateOfChange longRoc;
    private final double scale;

    DualMomentum(StrategyParameters p) {
        this(new RateOfChange(p.bars("short_lookback")), new RateOfChange(p.bars("lookback")), p.get("full_scale_pct") / 100);
    }

    private DualMomentum(RateOfChange shortRoc, RateOfChange longRoc, double scale) {
        super(List.of(shortRoc, longRoc), 0);
        this.shortRoc = shortRoc;
        this.longRoc = longRoc;
        this.scale = scale;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        double s = shortRoc.update(close);
        double l = longRoc.update(close);
        if (Math.signum(s) != Math.signum(l)) {
            return 0;
        }
        return Math.signum(s) * Math.min(Math.abs(s), Math.abs(l)) / scale;
    }

    @Override
    protected String describe() {
        return "short momentum " + fmt(100 * shortRoc.value()) + " %, long momentum " + fmt(100 * longRoc.value()) + " %";
    }
}
