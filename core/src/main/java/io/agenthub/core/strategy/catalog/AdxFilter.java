package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Adx;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/** +DI against -DI, {@code (+DI - -DI) / (+DI + -DI)}, taken only while ADX is above {@code adx_threshold}. */
public final class AdxFilter extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("adx_filter", Category.TREND_STRENGTH,
            "+DI/-DI direction, only when ADX is above a threshold.",
            List.of(ParameterSpec.bars("lookback", "DI and ADX bars", 14, 2, 200),
                    ParameterSpec.number("adx_threshold", "ADX that confirms a trend", 25, 5, 60)),
            AdxFilter::new);

    private final Adx adx;
    private final double threshold;

    AdxFilter(StrategyParameters p) {
        this(new Adx(p.bars("lookback")), p.get("adx_threshold"));
    }

    private AdxFilter(Adx adx, double threshold) {
        super(List.of(adx), 0);
        this.adx = adx;
        this.threshold = threshold;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        adx.update(high, low, close);
        double plus = adx.plusDi();
        double minus = adx.minusDi();
        if (!(adx.adx() >= threshold) || plus + minus == 0) {
            return 0;
        }
        return (plus - minus) / (plus + minus);
    }

    @Override
    protected String describe() {
        return "+DI " + fmt(adx.plusDi()) + ", -DI " + fmt(adx.minusDi()) + ", ADX " + fmt(adx.adx()) + " (threshold " + fmt(threshold) + ")";
    }
}
