package io.agenthub.processor.app;

import io.agenthub.kafka.KafkaSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Everything the agent processor can be told, with its defaults, bound from {@code agenthub.processor.*} (environment:
 * {@code AGENTHUB_PROCESSOR_DEDICATED_AGENT_ID=...}). Unknown keys are rejected so that a typo fails at start-up.
 *
 * @param dedicatedAgentId empty: the shared pool hosting every {@code SHARED} agent; an agent id: a dedicated
 *                         instance hosting exactly that {@code DEDICATED} agent
 * @param threads          stream threads of this instance
 * @param commitInterval   how often a transaction commits: the latency floor from tick to committed order intent
 * @param pollInterval     how long a stream thread waits for input before it looks at commits again
 * @param initialEquity    paper balance an agent's session starts with (quote asset)
 * @param contextBars      bars kept per agent with a planner (market context, warm-up of a planned strategy)
 * @param tickLines        a {@code tick} log line per agent once per its interval, with the ticks since the last one
 * @param instanceId       names this instance in {@code agents.status}; empty: the host name
 * @param heldEvents       market events kept per symbol for agents with an order in flight to step through once it is
 *                         done; an order in flight longer than this many events loses the oldest
 * @param fanoutRetention  how much of the fan-out's copies of ticks each partition keeps: an instance down for longer
 *                         than that many copies resumes at the oldest one kept
 * @param history          how far back each task keeps every symbol's closed one-minute bars, for agents to warm up on
 *                         when they start (0: no history; agents warm up on live bars)
 */
@Validated
@ConfigurationProperties(prefix = "agenthub.processor", ignoreUnknownFields = false)
public record ProcessorProperties(
        @NotNull @Valid @DefaultValue KafkaSettings kafka,
        @NotNull @DefaultValue("") String dedicatedAgentId,
        @Positive @Max(64) @DefaultValue("2") int threads,
        @NotNull @DefaultValue("50ms") Duration commitInterval,
        @NotNull @DefaultValue("10ms") Duration pollInterval,
        @NotNull @DecimalMin("0.00000001") @DefaultValue("10000") BigDecimal initialEquity,
        @PositiveOrZero @Max(10_000) @DefaultValue("64") int contextBars,
        @DefaultValue("true") boolean tickLines,
        @NotNull @DefaultValue("") String instanceId,
        @Positive @DefaultValue("100000") long heldEvents,
        @NotNull @DefaultValue("128MB") DataSize fanoutRetention,
        @NotNull @DefaultValue("3d") Duration history) {

    public ProcessorProperties {
        kafka = kafka.orApplicationId("agenthub-agent-processor");
    }
}
