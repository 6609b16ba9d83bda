package io.agenthub.core.trading;

/** Whether a fill took liquidity (market orders, taker fee) or made it (resting limits, maker fee). */
public enum Liquidity {
    MAKER, TAKER
}
