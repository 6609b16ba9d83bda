package io.agenthub.core.strategy;

import io.agenthub.core.indicators.MovingAverage;

import java.util.List;

/**
 * Fast moving average against slow: the spread relative to the slow one, a full signal at {@code scale} (a fraction
 * of price). The averages decide which crossover it is.
 */
public abstract class MovingAverageCrossover extends AbstractStrategy {

    private final MovingAverage fast;
    private final MovingAverage slow;
    private final double scale;
    private final String name;

    protected MovingAverageCrossover(MovingAverage fast, MovingAverage slow, double scale, String name) {
        super(List.of(fast, slow), 0);
        this.fast = fast;
        this.slow = slow;
        this.scale = scale;
        this.name = name;
    }

    @Override
    protected final double update(double open, double high, double low, double close, double volume) {
        double f = fast.update(close);
        double s = slow.update(close);
        return (f - s) / (s * scale);
    }

    @Override
    protected final String describe() {
        return "fast " + name + " " + fmt(fast.value()) + " vs slow " + name + " " + fmt(slow.value());
    }
}
