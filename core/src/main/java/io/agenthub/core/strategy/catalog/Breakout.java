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

/** A close above the prior {@code lookback}-bar high is a full long signal, below the prior low a full short one. */
public final class Breakout extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("breakout", Category.MOMENTUM,
            "Close beyond the prior N-bar high (long) or low (short).",
            List.of(ParameterSpec.bars("lookback", "bars of the prior range", 20, 2, 1000)),
            Breakout::new);

    private final Donchian prior;
    private double close = Double.NaN;
    private double rangeHigh = Double.NaN;
    private double rangeLow = Double.NaN;

    Breakout(StrategyParameters p) {
        this(new Donchian(p.bars("lookback")));
    }

    private Breakout(Donchian prior) {
        super(List.of(prior), 1);
        this.prior = prior;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        rangeHigh = prior.upper();
        rangeLow = prior.lower();
        prior.update(high, low);
        return close > rangeHigh ? 1 : close < rangeLow ? -1 : 0;
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " against the prior range " + fmt(rangeLow) + ".." + fmt(rangeHigh);
    }

    @Override
    protected void writeExtra(DataOutput out) throws IOException {
        out.writeDouble(close);
        out.writeDouble(rangeHigh);
        out.writeDouble(rangeLow);
    }

    @Override
    protected void readExtra(DataInput in) throws IOException {
        close = in.readDouble();
        rangeHigh = in.readDouble();
        rangeLow = in.readDouble();
    }
}
