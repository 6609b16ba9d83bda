package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.LinearRegression;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** Fades the close's distance from the regression line in residual deviations: full at {@code k} deviations. */
public final class LinearRegressionChannel extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("linear_regression_channel", Category.STATISTICAL,
            "Close vs the linear regression line ± k standard deviations of the residuals, faded.",
            List.of(ParameterSpec.bars("lookback", "bars of the regression", 50, 5, 1000),
                    ParameterSpec.number("k", "residual deviations that give a full signal", 2, 0.25, 6)),
            LinearRegressionChannel::new);

    private final LinearRegression regression;
    private final double k;
    private double close = Double.NaN;

    LinearRegressionChannel(StrategyParameters p) {
        this(new LinearRegression(p.bars("lookback")), p.get("k"));
    }

    private LinearRegressionChannel(LinearRegression regression, double k) {
        super(List.of(regression), 0);
        this.regression = regression;
        this.k = k;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        regression.update(close);
        double sd = regression.residualStdDev();
        return sd > 0 ? -(close - regression.value()) / (k * sd) : 0;
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " vs regression " + fmt(regression.value()) + " ± " + fmt(k) + " x " + fmt(regression.residualStdDev());
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
