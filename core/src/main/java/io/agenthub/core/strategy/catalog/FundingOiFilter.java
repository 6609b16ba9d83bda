package io.agenthub.core.strategy.catalog;

import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.FundingAware;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Leans against crowded perpetual positioning: a positive funding rate (longs pay shorts) is a short bias, a negative
 * one a long bias, full at {@code full_scale_rate}. With no funding data, or data older than {@code lookback} bars,
 * the signal is 0: spot markets and backtests without funding see a neutral strategy.
 */
public final class FundingOiFilter extends AbstractStrategy implements FundingAware {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("funding_oi_filter", Category.DERIVATIVES,
            "Funding-rate bias on perpetuals (lean against the side that pays); neutral when no funding data.",
            List.of(ParameterSpec.bars("lookback", "bars after which a funding rate is too old to use", 480, 1, 10_000),
                    ParameterSpec.number("full_scale_rate", "funding rate per settlement that gives a full signal", 0.0005, 0.00001, 0.01)),
            FundingOiFilter::new);

    private final int maxAge;
    private final double scale;
    private double rate = Double.NaN;
    private long barsSinceRate = Long.MAX_VALUE;

    FundingOiFilter(StrategyParameters p) {
        super(List.of(), 0);
        this.maxAge = p.bars("lookback");
        this.scale = p.get("full_scale_rate");
    }

    @Override
    public void onFundingRate(long timeMillis, double rate) {
        this.rate = rate;
        this.barsSinceRate = 0;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        if (barsSinceRate != Long.MAX_VALUE) {
            barsSinceRate++;
        }
        if (Double.isNaN(rate) || barsSinceRate > maxAge) {
            return 0;
        }
        return -rate / scale;
    }

    @Override
    protected String describe() {
        return Double.isNaN(rate) ? "no funding data" : "funding rate " + fmt(100 * rate) + " % (" + barsSinceRate + " bars old)";
    }

    @Override
    protected void writeExtra(DataOutput out) throws IOException {
        out.writeDouble(rate);
        out.writeLong(barsSinceRate);
    }

    @Override
    protected void readExtra(DataInput in) throws IOException {
        rate = in.readDouble();
        barsSinceRate = in.readLong();
    }
}
