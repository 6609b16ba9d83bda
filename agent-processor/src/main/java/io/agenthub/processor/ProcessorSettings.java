package io.agenthub.processor;

import io.agenthub.core.agent.AgentSettings;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * How the processor runs its agents, the same for every agent it hosts.
 *
 * @param initialEquity paper balance (quote asset) an agent's session starts with
 * @param contextBars   closed bars kept per agent with a planner, for the planning request and a new strategy's warm-up
 * @param tickLines     a {@code tick} log line per agent once per its interval (with the ticks since the last one)
 * @param instanceId    names this instance in {@code agents.status}
 * @param heldEvents    market events kept per symbol for agents with an order in flight (the oldest go past this)
 * @param history       how far back each symbol's closed minutes are kept for agents to warm up on when they start
 */
public record ProcessorSettings(Instruments instruments, StrategyCatalog catalog, AgentSettings.RiskDefaults riskDefaults,
                                BigDecimal initialEquity, int contextBars, boolean tickLines, String instanceId, long heldEvents,
                                Duration history) {

    /** The history kept by default: three days, enough for the catalogue's defaults at a 15-minute interval and more. */
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(3);

    public ProcessorSettings {
        Objects.requireNonNull(instruments, "instruments");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(riskDefaults, "riskDefaults");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(history, "history");
        if (history.isNegative()) {
            throw new IllegalArgumentException("history must not be negative");
        }
        if (heldEvents < 1) {
            throw new IllegalArgumentException("heldEvents must be positive");
        }
        if (initialEquity.signum() <= 0 || contextBars < 0) {
            throw new IllegalArgumentException("initial equity must be positive, counts non-negative");
        }
    }

    public static ProcessorSettings defaults(String instanceId) {
        return new ProcessorSettings(Instruments.defaults(), StrategyCatalog.builtIn(), AgentSettings.RiskDefaults.standard(),
                new BigDecimal("10000"), 64, true, instanceId, 100_000, DEFAULT_HISTORY);
    }

    public ProcessorSettings withTickLines(boolean lines) {
        return new ProcessorSettings(instruments, catalog, riskDefaults, initialEquity, contextBars, lines, instanceId, heldEvents, history);
    }

    public ProcessorSettings withHistory(Duration kept) {
        return new ProcessorSettings(instruments, catalog, riskDefaults, initialEquity, contextBars, tickLines, instanceId, heldEvents, kept);
    }
}
