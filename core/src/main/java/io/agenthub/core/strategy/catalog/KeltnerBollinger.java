package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Bollinger;
import io.agenthub.core.indicators.Keltner;
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
 * The TTM-style squeeze: Bollinger bands inside the Keltner channel is a squeeze; the bar it releases (bands back
 * outside the channel) is a full signal on the side of the channel's middle the close is on.
 */
public final class KeltnerBollinger extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("keltner_bollinger", Category.VOLATILITY,
            "Bollinger bands inside the Keltner channel (a squeeze) and the direction of its release.",
            List.of(ParameterSpec.bars("lookback", "bars of the bands and the channel", 20, 3, 500),
                    ParameterSpec.number("bollinger_k", "Bollinger width in standard deviations", 2, 0.5, 5),
                    ParameterSpec.number("keltner_k", "Keltner width in ATRs", 1.5, 0.5, 5)),
            KeltnerBollinger::new);

    private final Bollinger bands;
    private final Keltner channel;
    private boolean squeezed;
    private boolean released;
    private double close = Double.NaN;

    KeltnerBollinger(StrategyParameters p) {
        this(new Bollinger(p.bars("lookback"), p.get("bollinger_k")), new Keltner(p.bars("lookback"), p.bars("lookback"), p.get("keltner_k")));
    }

    private KeltnerBollinger(Bollinger bands, Keltner channel) {
        super(List.of(bands, channel), 0);
        this.bands = bands;
        this.channel = channel;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        bands.update(close);
        channel.update(high, low, close);
        boolean inside = bands.upper() < channel.upper() && bands.lower() > channel.lower();
        released = squeezed && !inside;
        squeezed = inside;
        return released ? Math.signum(close - channel.middle()) : 0;
    }

    @Override
    protected String describe() {
        return (squeezed ? "in a squeeze" : released ? "squeeze released" : "no squeeze") + ", close " + fmt(close)
                + " vs Keltner middle " + fmt(channel.middle());
    }

    @Override
    protected void writeExtra(DataOutput out) throws IOException {
        out.writeBoolean(squeezed);
        out.writeBoolean(released);
        out.writeDouble(close);
    }

    @Override
    protected void readExtra(DataInput in) throws IOException {
        squeezed = in.readBoolean();
        released = in.readBoolean();
        close = in.readDouble();
    }
}
