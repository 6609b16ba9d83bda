package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Atr;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** A close more than {@code multiplier} × ATR away from the prior close is a full signal in that direction. */
public final class AtrBreakout extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("atr_breakout", Category.VOLATILITY,
            "A move larger than k x ATR from the prior close, in its direction.",
            List.of(ParameterSpec.bars("lookback", "ATR bars", 14, 2, 200),
                    ParameterSpec.number("multiplier", "move in ATRs that counts as a breakout", 1.5, 0.25, 10)),
            AtrBreakout::new);

    private final Atr atr;
    private final double multiplier;
    private double previousClose = Double.NaN;
    private double move = Double.NaN;
    private double range = Double.NaN;

    AtrBreakout(StrategyParameters p) {
        this(new Atr(p.bars("lookback")), p.get("multiplier"));
    }

    private AtrBreakout(Atr atr, double multiplier) {
        super(List.of(atr), 1);
        this.atr = atr;
        this.multiplier = multiplier;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        range = atr.value();
        move = close - previousClose;
        previousClose = close;
        atr.update(high, low, close);
        return move > multiplier * range ? 1 : move < -multiplier * range ? -1 : 0;
    }

    @Override
    protected String describe() {
        return "move " + fmt(move) + " vs " + fmt(multiplier) + " x ATR " + fmt(range);
    }

    @Override
    protected void writeExtra(DataOutput out) throws IOException {
        out.writeDouble(previousClose);
        out.writeDouble(move);
        out.writeDouble(range);
    }

    @Override
    protected void readExtra(DataInput in) throws IOException {
        previousClose = in.readDouble();
        move = in.readDouble();
        range = in.readDouble();
    }
}
