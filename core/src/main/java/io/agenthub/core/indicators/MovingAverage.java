package io.agenthub.core.indicators;

/** A moving average of one input: SMA, EMA or Wilder's. */
public interface MovingAverage extends Indicator {

    /** Adds a value; returns the average, NaN until warmed up. */
    double update(double value);

    double value();
}
