package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Donchian;
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
 * Where the close sits in the prior {@code lookback}-bar Donchian channel: the middle is 0, the edges ±1, and a
 * break beyond them a full signal in the break's direction.
 */
public final class DonchianChannel extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("donchian_channel", Category.MOMENTUM,
            "Position inside the prior N-bar Donchian channel; a break of the channel is a full signal.",
            List.of(ParameterSpec.bars("lookback", "bars of the channel", 20, 2, 1000)),
            DonchianChannel::new);

    private final Donchian channel;
    private double close = Double.NaN;
    private double upper = Double.NaN;
    private double lower = Double.NaN;

    DonchianChannel(StrategyParameters p) {
        this(new Donchian(p.bars("lookback")));
    }

    private DonchianChannel(Donchian channel) {
        super(List.of(channel), 1);
        this.channel = channel;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        upper = channel.upper();
        lower = channel.lower();
        channel.update(high, low);
        double half = (upper - lower) / 2;
        return half > 0 ? (close - (upper + lower) / 2) / half : 0;
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " in the channel " + fmt(lower) + ".." + fmt(upper);
    }

    @Override
    protected void writeExtra(DataOutput out) throws IOException {
        out.writeDouble(close);
        out.writeDouble(upper);
        out.writeDouble(lower);
    }

    @Override
    protected void readExtra(DataInput in) throws IOException {
        close = in.readDouble();
        upper = in.readDouble();
        lower = in.readDouble();
    }
}
