package io.agenthub.core.agent;

import io.agenthub.core.trading.AgentLog;
import io.agenthub.core.trading.AgentOutputs;
import io.agenthub.core.trading.LogLevel;

import java.util.Map;

/**
 * Where an agent kernel's outputs go: besides the trading step's orders, position updates and log lines, the agent's
 * status and its requests to the planner and the supervisor. The processor publishes them; the backtest keeps what
 * it measures and drops the rest.
 */
public interface KernelOutputs extends AgentOutputs {

    /** The agent's status changed, or is said again (a warm-up's progress). */
    void status(Lifecycle state, String reason, long revision, long time);

    /** A planning request. */
    void plan(AdviceRequest request);

    /**
     * A review of the open position, which rides on the next {@code MARKED} position update (the kernel marks the
     * position at once); {@code null} takes back one that found no mark to ride on.
     */
    void reviewWithNextMark(AdviceRequest request);

    /**
     * Whether this consumer reads the once-per-interval marks of an open position; a backtest does not, and the kernel
     * then does not make them.
     */
    default boolean wantsMarks() {
        return true;
    }

    default void log(long time, LogLevel level, String message, Map<String, String> fields) {
        log(new AgentLog(time, level, message, fields));
    }
}
