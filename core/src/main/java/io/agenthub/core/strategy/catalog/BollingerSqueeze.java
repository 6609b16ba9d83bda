package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Bollinger;
import io.agenthub.core.indicators.Window;
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
 * A squeeze is Bollinger band width at its lowest of the last {@code squeeze_lookback} bars; within
 * {@code release_bars} after one, a close outside the bands is a full signal in that direction.
 */
public final class BollingerSqueeze extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("bollinger_squeeze", Category.VOLATILITY,
            "Bollinger band width at an N-bar low (a squeeze), then trade the direction of the breakout.",
            List.of(ParameterSpec.bars("lookback", "bars of the bands", 20, 3, 500),
                    ParameterSpec.bars("squeeze_lookback", "bars over which the width must be lowest", 100, 10, 2000),
                    ParameterSpec.bars("release_bars", "bars after a squeeze in which a breakout counts", 10, 1, 200),
                    ParameterSpec.number("k", "band width in standard deviations", 2, 0.5, 5)),
            BollingerSqueeze::new);

    private final Bollinger bands;
    private final Window widths;
    private final int releaseBars;
    private int barsSinceSqueeze = Integer.MAX_VALUE;
    private double close = Double.NaN;

    BollingerSqueeze(StrategyParameters p) {
        this(new Bollinger(p.bars("lookback"), p.get("k")), p.bars("squeeze_lookback"), p.bars("release_bars"));
    }

    private BollingerSqueeze(Bollinger bands, int squeezeLookback, int releaseBars) {
        super(List.of(bands), squeezeLookback);
        this.bands = bands;
        this.widths = new Window(squeezeLookback);
        this.releaseBars = releaseBars;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        bands.update(close);
        if (!bands.ready()) {
            return 0;
        }
        double width = bands.width();
        boolean squeeze = widths.full() && width <= minimum(widths);
        widths.add(width);
        barsSinceSqueeze = squeeze ? 0 : barsSinceSqueeze == Integer.MAX_VALUE ? barsSinceSqueeze : barsSinceSqueeze + 1;
        if (barsSinceSqueeze > releaseBars) {
            return 0;
        }
        return close > bands.upper() ? 1 : close < bands.lower() ? -1 : 0;
    }

    /** O(squeeze_lookback) only on bars after warm-up; the window is small and the loop does not allocate. */
    private static double minimum(Window window) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < window.size(); i++) {
            min = Math.min(min, window.get(i));
        }
        return min;
    }

    @Override
    protected String describe() {
        return "band width " + fmt(100 * bands.width()) + " %, "
                + (barsSinceSqueeze == Integer.MAX_VALUE ? "no squeeze yet" : barsSinceSqueeze + " bars since the last squeeze")
                + ", close " + fmt(close) + " vs bands " + fmt(bands.lower()) + ".." + fmt(bands.upper());
    }

    @Override
    protected void writeExtra(DataOutput out) throws IOException {
        widths.write(out);
        out.writeInt(barsSinceSqueeze);
        out.writeDouble(close);
    }

    @Override
    protected void readExtra(DataInput in) throws IOException {
        widths.read(in);
        barsSinceSqueeze = in.readInt();
        close = in.readDouble();
    }
}
