package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Ichimoku;
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
 * Ichimoku (9/26/52): half a signal for the close above (below) the cloud, half for tenkan above (below) kijun;
 * inside the cloud only the cross counts.
 */
public final class IchimokuSignal extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("ichimoku_signal", Category.TREND,
            "Price vs the Ichimoku cloud and the tenkan/kijun cross (9/26/52).",
            List.of(ParameterSpec.bars("lookback", "kijun bars (also the cloud's displacement)", 26, 4, 300),
                    ParameterSpec.bars("tenkan", "tenkan bars", 9, 2, 100),
                    ParameterSpec.bars("senkou_b", "senkou span B bars", 52, 4, 600)),
            IchimokuSignal::new);

    private final Ichimoku ichimoku;
    private double close = Double.NaN;

    IchimokuSignal(StrategyParameters p) {
        this(new Ichimoku(p.bars("tenkan"), p.bars("lookback"), p.bars("senkou_b")));
    }

    private IchimokuSignal(Ichimoku ichimoku) {
        super(List.of(ichimoku), 0);
        this.ichimoku = ichimoku;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        ichimoku.update(high, low);
        double top = Math.max(ichimoku.cloudA(), ichimoku.cloudB());
        double bottom = Math.min(ichimoku.cloudA(), ichimoku.cloudB());
        double cloud = close > top ? 0.5 : close < bottom ? -0.5 : 0;
        double cross = 0.5 * Math.signum(ichimoku.tenkan() - ichimoku.kijun());
        return cloud + cross;
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " vs cloud " + fmt(ichimoku.cloudA()) + "/" + fmt(ichimoku.cloudB())
                + ", tenkan " + fmt(ichimoku.tenkan()) + " vs kijun " + fmt(ichimoku.kijun());
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
