package io.agenthub.core.strategy;

/** What kind of market behaviour a strategy trades on. */
public enum Category {
    MOMENTUM, TREND_STRENGTH, TREND, MEAN_REVERSION, VOLATILITY, VOLUME, STATISTICAL, DERIVATIVES;

    /** The catalogue's spelling: {@code mean reversion}, {@code trend strength}. */
    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
