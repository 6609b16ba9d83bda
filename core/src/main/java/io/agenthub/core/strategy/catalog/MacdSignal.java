package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Macd;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** MACD line against its signal line (12/26/9): the histogram relative to price, full at {@code full_scale_pct}. */
public final class MacdSignal extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("macd_signal", Category.MOMENTUM,
            "MACD line vs its signal line (12/26/9): long while MACD is above its signal, short while below.",
            List.of(ParameterSpec.bars("lookback", "bars of the slow EMA", 26, 3, 1000),
                    ParameterSpec.bars("fast", "bars of the fast EMA", 12, 1, 500),
                    ParameterSpec.bars("signal_period", "bars of the signal EMA", 9, 1, 500),
                    ParameterSpec.number("full_scale_pct", "histogram (percent of price) that gives a full signal", 0.05, 0.0001, 10)),
            MacdSignal::new);

    private final Macd macd;
    private final double scale;
    private double close = Double.NaN;

    MacdSignal(StrategyParameters p) {
        this(new Macd(p.bars("fast"), Math.max(p.bars("lookback"), p.bars("fast") + 1), p.bars("signal_period")),
                p.get("full_scale_pct") / 100);
    }

    private MacdSignal(Macd macd, double scale) {
        super(List.of(macd), 0);
        this.macd = macd;
        this.scale = scale;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        macd.update(close);
        return macd.histogram() / (close * scale);
    }

    @Override
    protected String describe() {
        return "MACD " + fmt(macd.macd()) + " vs signal " + fmt(macd.signal()) + " at close " + fmt(close);
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
