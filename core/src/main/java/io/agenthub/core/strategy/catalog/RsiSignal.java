package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Rsi;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/**
 * RSI below {@code oversold} is a long signal, above {@code overbought} a short one, growing to full as RSI reaches
 * 0 or 100; nothing in between.
 */
public final class RsiSignal extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("rsi_signal", Category.MEAN_REVERSION,
            "RSI below the oversold level (long) or above the overbought level (short).",
            List.of(ParameterSpec.bars("lookback", "RSI bars", 14, 2, 200),
                    ParameterSpec.number("oversold", "RSI under which to buy", 30, 5, 50),
                    ParameterSpec.number("overbought", "RSI over which to sell", 70, 50, 95)),
            RsiSignal::new);

    private final Rsi rsi;
    private final double oversold;
    private final double overbought;

    RsiSignal(StrategyParameters p) {
        this(new Rsi(p.bars("lookback")), p.get("oversold"), p.get("overbought"));
    }

    private RsiSignal(Rsi rsi, double oversold, double overbought) {
        super(List.of(rsi), 0);
        this.rsi = rsi;
        this.oversold = oversold;
        this.overbought = overbought;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        double r = rsi.update(close);
        if (r < oversold) {
            return 0.5 + 0.5 * (oversold - r) / oversold;
        }
        if (r > overbought) {
            return -0.5 - 0.5 * (r - overbought) / (100 - overbought);
        }
        return 0;
    }

    @Override
    protected String describe() {
        return "RSI " + fmt(rsi.value()) + " (oversold " + fmt(oversold) + ", overbought " + fmt(overbought) + ")";
    }
}
