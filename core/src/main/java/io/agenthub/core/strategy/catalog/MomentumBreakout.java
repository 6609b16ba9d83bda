package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Donchian;
import io.agenthub.core.indicators.RateOfChange;
import io.agenthub.core.indicators.Sma;
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
 * A breakout of the prior {@code lookback}-bar range confirmed by momentum in the same direction, and by volume above
 * {@code volume_factor} × its average when the market reports volume (bars without any volume skip that check).
 */
public final class MomentumBreakout extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("momentum_breakout", Category.MOMENTUM,
            "Breakout of the prior N-bar range confirmed by a rate of change in the same direction and, when volume is "
                    + "reported, volume above its average.",
            List.of(ParameterSpec.bars("lookback", "bars of the prior range", 20, 2, 1000),
                    ParameterSpec.bars("momentum_lookback", "bars of the confirming rate of change", 10, 1, 500),
                    ParameterSpec.number("volume_factor", "volume must exceed this multiple of its average", 1.0, 0, 10)),
            MomentumBreakout::new);

    private final Donchian prior;
    private final RateOfChange roc;
    private final Sma averageVolume;
    private final double volumeFactor;
    private double close = Double.NaN;
    private double rangeHigh = Double.NaN;
    private double rangeLow = Double.NaN;
    private double volume;

    MomentumBreakout(StrategyParameters p) {
        this(new Donchian(p.bars("lookback")), new RateOfChange(p.bars("momentum_lookback")), new Sma(p.bars("lookback")),
                p.get("volume_factor"));
    }

    private MomentumBreakout(Donchian prior, RateOfChange roc, Sma averageVolume, double volumeFactor) {
        super(List.of(prior, roc, averageVolume), 1);
        this.prior = prior;
        this.roc = roc;
        this.averageVolume = averageVolume;
        this.volumeFactor = volumeFactor;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        this.volume = volume;
        rangeHigh = prior.upper();
        rangeLow = prior.lower();
        double usualVolume = averageVolume.value();
        prior.update(high, low);
        roc.update(close);
        averageVolume.update(volume);
        boolean volumeConfirms = !(usualVolume > 0) || volume > volumeFactor * usualVolume;
        if (close > rangeHigh && roc.value() > 0 && volumeConfirms) {
            return 1;
        }
        if (close < rangeLow && roc.value() < 0 && volumeConfirms) {
            return -1;
        }
        return 0;
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " vs prior range " + fmt(rangeLow) + ".." + fmt(rangeHigh) + ", rate of change "
                + fmt(100 * roc.value()) + " %, volume " + fmt(volume) + " vs average " + fmt(averageVolume.value());
    }

    @Override
    protected void writeExtra(DataOutput out) throws IOException {
        out.writeDouble(close);
        out.writeDouble(rangeHigh);
        out.writeDouble(rangeLow);
        out.writeDouble(volume);
    }

    @Override
    protected void readExtra(DataInput in) throws IOException {
        close = in.readDouble();
        rangeHigh = in.readDouble();
        rangeLow = in.readDouble();
        volume = in.readDouble();
    }
}
