package io.agenthub.core.trading;

/** Where a trading agent's decisions go: the backtest engine records them, the stream processor publishes them. */
public interface AgentOutputs {

    void order(OrderRequest order);

    void position(PositionUpdate update);

    void log(AgentLog log);
}
