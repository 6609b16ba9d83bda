package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Donchian;
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
 * Bounces off the prior {@code lookback}-bar range: a bar that reaches within {@code touch_pct} of support and closes
 * back above it is a long signal; one that reaches resistance and closes back below it a short one.
 */
public final class RangeSupportResistance extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("range_sr", Category.MEAN_REVERSION,
            "Bounce off recent support (long) or resistance (short).",
            List.of(ParameterSpec.bars("lookback", "bars that define support and resistance", 50, 5, 1000),
                    ParameterSpec.number("touch_pct", "how close (percent) counts as touching", 0.05, 0, 5)),
            RangeSupportResistance::new);

    private final Donchian prior;
    private final double touch;
    private double support = Double.NaN;
    private double resistance = Double.NaN;
    private double close = Double.NaN;

    RangeSupportResistance(StrategyParameters p) {
        this(new Donchian(p.bars("lookback")), p.get("touch_pct") / 100);
    }

    private RangeSupportResistance(Donchian prior, double touch) {
        super(List.of(prior), 1);
        this.prior = prior;
        this.touch = touch;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        support = prior.lower();
        resistance = prior.upper();
        prior.update(high, low);
        if (low <= support * (1 + touch) && close > support && close < resistance) {
            return 1;
        }
        if (high >= resistance * (1 - touch) && close < resistance && close > support) {
            return -1;
        }
        return 0;
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " between support " + fmt(support) + " and resistance " + fmt(resistance);
    }

    @Override
    protected void writeExtra(DataOutput out) throws IOException {
        out.writeDouble(support);
        out.writeDouble(resistance);
        out.writeDouble(close);
    }

    @Override
    protected void readExtra(DataInput in) throws IOException {
        support = in.readDouble();
        resistance = in.readDouble();
        close = in.readDouble();
    }
}
