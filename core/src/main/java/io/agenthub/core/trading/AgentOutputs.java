package io.agenthub.core.trading;

/** Where a trading agent's decisions go: the backtest engine records them, the stream processor publishes them. */
public interface AgentOutputs {

    void order(OrderRequest order);

    void position(PositionUpdate update);

    void log(AgentLog log);

    /**
     * Whether this consumer reads log lines and order reasons. The backtest engine does not, and the agent then skips
     * building them: formatting text costs more than the decision itself.
     */
    default boolean wantsText() {
        return true;
    }
}
