package io.agenthub.api.agents;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.Locale;

/**
 * An agent as the API shows it: its settings, the observed {@code status} ({@code creating}, {@code running},
 * {@code stopped}, {@code error}) with its reason, and what the owner last asked for ({@code desired_state}).
 */
public record AgentView(
        String id,
        String status,
        String statusReason,
        String desiredState,
        long revision,
        Instant statusTime,
        Instant createdAt,
        Instant updatedAt,
        @JsonUnwrapped AgentSpec settings) {

    static AgentView of(Agents.Agent agent) {
        return new AgentView(agent.id(), agent.status().toLowerCase(Locale.ROOT), agent.statusReason(),
                agent.desiredState().toLowerCase(Locale.ROOT), agent.revision(), agent.statusTime(), agent.createdAt(),
                agent.updatedAt(), agent.spec());
    }
}
