package io.agenthub.core.trading;

/** Levels of an agent's log, as users see them. */
public enum LogLevel {
    INIT, LLM, START, TICK, ACTION, SL_TP, STOP, ERROR, WARN, SUPERVISOR
}
