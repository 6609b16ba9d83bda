package io.agenthub.core.backtest.optimize;

import io.agenthub.core.backtest.Statistics;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** What a parameter search maximises. Undefined figures (no trades) rank last. */
public enum Objective {
    SHARPE(Statistics::sharpe),
    SORTINO(Statistics::sortino),
    RETURN(Statistics::totalReturn),
    PROFIT_FACTOR(Statistics::profitFactor);

    private final ToDoubleFunction<Statistics> figure;

    Objective(ToDoubleFunction<Statistics> figure) {
        this.figure = figure;
    }

    public double score(Statistics statistics) {
        double value = figure.applyAsDouble(statistics);
        return Double.isNaN(value) || statistics.trades() == 0 ? Double.NEGATIVE_INFINITY : value;
    }

    public static Objective parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("objective '" + text + "' is not one of sharpe, sortino, return, profit_factor");
        }
    }
}
