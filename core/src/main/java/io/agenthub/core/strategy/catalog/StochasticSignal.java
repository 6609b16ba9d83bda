package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Stochastic;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** %K crossing above %D below {@code oversold} is a full long signal; crossing below above {@code overbought} a short. */
public final class StochasticSignal extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("stochastic_signal", Category.MEAN_REVERSION,
            "%K / %D cross in the extreme zones: up-cross when oversold (long), down-cross when overbought (short).",
            List.of(ParameterSpec.bars("lookback", "%K bars", 14, 2, 200),
                    ParameterSpec.bars("d_period", "%D bars", 3, 1, 50),
                    ParameterSpec.number("oversold", "%K under which an up-cross buys", 20, 5, 50),
                    ParameterSpec.number("overbought", "%K over which a down-cross sells", 80, 50, 95)),
            StochasticSignal::new);

    private final Stochastic stochastic;
    private final double oversold;
    private final double overbought;
    private double previousK = Double.NaN;
    private double previousD = Double.NaN;

    StochasticSignal(StrategyParameters p) {
        this(new Stochastic(p.bars("lookback"), p.bars("d_period")), p.get("oversold"), p.get("overbought"));
    }

    private StochasticSignal(Stochastic stochastic, double oversold, double overbought) {
        super(List.of(stochastic), 1);
        this.stochastic = stochastic;
        this.oversold = oversold;
        this.overbought = overbought;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        stochastic.update(high, low, close);
        double k = stochastic.k();
        double d = stochastic.d();
        double signal = 0;
        if (previousK <= previousD && k > d && k < oversold) {
            signal = 1;
        } else if (previousK >= previousD && k < d && k > overbought) {
            signal = -1;
        }
        previousK = k;
        previousD = d;
        return signal;
    }

    @Override
    protected String describe() {
        return "%K " + fmt(stochastic.k()) + " vs %D " + fmt(stochastic.d());
    }

    @Override
    protected void writeExtra(DataOutput out) throws IOException {
        out.writeDouble(previousK);
        out.writeDouble(previousD);
    }

    @Override
    protected void readExtra(DataInput in) throws IOException {
        previousK = in.readDouble();
        previousD = in.readDouble();
    }
}
