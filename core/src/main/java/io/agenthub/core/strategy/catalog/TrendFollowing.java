package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Adx;
import io.agenthub.core.indicators.Sma;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The side of a slow SMA the close is on, taken only while ADX confirms a trend ({@code adx_threshold}); stronger as
 * ADX rises towards twice the threshold.
 */
public final class TrendFollowing extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("trend_following", Category.MOMENTUM,
            "Slow moving-average trend filter, acted on only when ADX confirms a trend.",
            List.of(ParameterSpec.bars("lookback", "bars of the slow SMA", 50, 5, 1000),
                    ParameterSpec.bars("adx_period", "ADX bars", 14, 2, 200),
                    ParameterSpec.number("adx_threshold", "ADX that confirms a trend", 25, 5, 60)),
            TrendFollowing::new);

    private final Sma slow;
    private final Adx adx;
    private final double threshold;
    private double close = Double.NaN;

    TrendFollowing(StrategyParameters p) {
        this(new Sma(p.bars("lookback")), new Adx(p.bars("adx_period")), p.get("adx_threshold"));
    }

    private TrendFollowing(Sma slow, Adx adx, double threshold) {
        super(List.of(slow, adx), 0);
        this.slow = slow;
        this.adx = adx;
        this.threshold = threshold;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        double trend = slow.update(close);
        adx.update(high, low, close);
        double strength = adx.adx();
        if (!(strength >= threshold)) {
            return 0;
        }
        return Math.signum(close - trend) * Math.min(1, strength / (2 * threshold));
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " vs SMA " + fmt(slow.value()) + ", ADX " + fmt(adx.adx()) + " (threshold " + fmt(threshold) + ")";
    }

    @Override
    protected void writeExtra(DataOutput out) throws IOException {
        out.writeDouble(close);
    }

    @Override
    protected void readExtra(DataInput in) throws IOException {
        close = in.readDouble();
    }
}
