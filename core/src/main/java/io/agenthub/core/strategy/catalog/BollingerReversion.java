package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Bollinger;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** Fades closes outside the Bollinger bands: a full long signal below the lower band, a full short one above the upper. */
public final class BollingerReversion extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("bollinger_reversion", Category.MEAN_REVERSION,
            "Fade closes outside the Bollinger bands.",
            List.of(ParameterSpec.bars("lookback", "bars of the bands", 20, 3, 1000),
                    ParameterSpec.number("k", "band width in standard deviations", 2, 0.5, 5)),
            BollingerReversion::new);

    private final Bollinger bands;
    private double close = Double.NaN;

    BollingerReversion(StrategyParameters p) {
        this(new Bollinger(p.bars("lookback"), p.get("k")));
    }

    private BollingerReversion(Bollinger bands) {
        super(List.of(bands), 0);
        this.bands = bands;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        bands.update(close);
        return close < bands.lower() ? 1 : close > bands.upper() ? -1 : 0;
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " vs bands " + fmt(bands.lower()) + ".." + fmt(bands.upper());
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
