package io.agenthub.core.trading;

import java.util.Map;

/** A log line of an agent, with structured fields (price, signal, order id, ...). */
public record AgentLog(long time, LogLevel level, String message, Map<String, String> fields) {

    public AgentLog {
        fields = Map.copyOf(fields);
    }
}
