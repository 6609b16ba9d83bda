package io.agenthub.core.strategy;

/** A strategy that also reads perpetual-futures funding rates (fed when the market has them, between bars). */
public interface FundingAware {

    /** The funding rate per settlement (0.0001 = 0.01 %) published at {@code timeMillis}. */
    void onFundingRate(long timeMillis, double rate);
}
