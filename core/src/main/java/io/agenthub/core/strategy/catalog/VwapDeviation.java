package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Vwap;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** Fades the close's deviation from the rolling VWAP: a full signal at {@code full_scale_pct} away. */
public final class VwapDeviation extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("vwap_deviation", Category.VOLUME,
            "Deviation of the close from the rolling VWAP, faded: buy below VWAP, sell above.",
            List.of(ParameterSpec.bars("lookback", "bars of the rolling VWAP", 30, 2, 1000),
                    ParameterSpec.number("full_scale_pct", "deviation (percent) that gives a full signal", 0.5, 0.01, 20)),
            VwapDeviation::new);

    private final Vwap vwap;
    private final double scale;
    private double close = Double.NaN;

    VwapDeviation(StrategyParameters p) {
        this(new Vwap(p.bars("lookback")), p.get("full_scale_pct") / 100);
    }

    private VwapDeviation(Vwap vwap, double scale) {
        super(List.of(vwap), 0);
        this.vwap = vwap;
        this.scale = scale;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        double v = vwap.update(high, low, close, volume);
        return -(close - v) / (v * scale);
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " vs VWAP " + fmt(vwap.value());
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
