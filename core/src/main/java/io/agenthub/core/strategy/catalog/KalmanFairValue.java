package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.Kalman;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** Fades the close's distance from a Kalman estimate of fair value, in the filter's own deviations: full at {@code k}. */
public final class KalmanFairValue extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("kalman_fair_value", Category.STATISTICAL,
            "Close vs a one-dimensional Kalman filter estimate of fair value, faded.",
            List.of(ParameterSpec.bars("lookback", "bars the filter needs to settle", 20, 2, 1000),
                    ParameterSpec.number("process_variance", "how much fair value moves per bar (log units squared)", 1e-6, 1e-12, 1e-2),
                    ParameterSpec.number("measurement_variance", "how noisy a close is around it (log units squared)", 1e-5, 1e-12, 1e-2),
                    ParameterSpec.number("k", "deviations that give a full signal", 2, 0.25, 6)),
            KalmanFairValue::new);

    private final Kalman kalman;
    private final double k;
    private double close = Double.NaN;

    KalmanFairValue(StrategyParameters p) {
        this(new Kalman(p.get("process_variance"), p.get("measurement_variance"), p.bars("lookback")), p.get("k"));
    }

    private KalmanFairValue(Kalman kalman, double k) {
        super(List.of(kalman), 0);
        this.kalman = kalman;
        this.k = k;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        this.close = close;
        double fair = kalman.update(close);
        double sd = kalman.relativeStdDev();
        return sd > 0 ? -Math.log(close / fair) / (k * sd) : 0;
    }

    @Override
    protected String describe() {
        return "close " + fmt(close) + " vs fair value " + fmt(kalman.value()) + " (±" + fmt(100 * kalman.relativeStdDev()) + " %)";
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
