package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Atr;
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

/** Fades the distance from a rolling mean measured in ATRs: a full signal at {@code atr_multiple} ATRs away. */
public final class MeanReversion extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("mean_reversion", Category.MEAN_REVERSION,
            "Fade deviations from a rolling mean, scaled by volatility (ATR).",
            List.of(ParameterSpec.bars("lookback", "bars of the rolling mean", 20, 3, 1000),
                    ParameterSpec.bars("atr_period", "ATR bars", 14, 2, 200),
                    ParameterSpec.number("atr_multiple", "distance in ATRs that gives a full signal", 2, 0.25, 10)),
            MeanReversion::new);

    private final Sma mean;
    private final Atr atr;
    private final double multiple;
    private double close = Double.NaN;

    MeanReversion(StrategyParameters p) {
        this(new Sma(p.bars("lookback")), new Atr(p.bars("atr_period")), p.get("atr_multiple"));
    }

    private MeanReversion(Sma mean, Atr atr, double multiple) {
        super(List.of(mean, atr), 0);
        this.mean = mean;
        this.atr = atr;
        this.multiple = multiple;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        double m = mean.update(close);
        double a = atr.update(high, low, close);
        return a > 0 ? -(close - m) / (multiple * a) : 0;
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " vs mean " + fmt(mean.value()) + ", ATR " + fmt(atr.value());
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
