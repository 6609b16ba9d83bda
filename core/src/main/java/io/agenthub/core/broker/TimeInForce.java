package io.agenthub.core.broker;

/** How long a limit order works: until cancelled, or only at once (what does not fill is cancelled, or all of it). */
public enum TimeInForce {
    GTC, IOC, FOK
}
