package io.agenthub.api.projection;

import io.agenthub.api.secrets.OverridePublisher;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.topics.Topics;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Each agent's observed status from {@code agents.status}, applied once per event and only if it is not about an
 * older configuration revision than the status already shown. An agent seen {@code DELETED} (after its processor
 * closed what it held, so after the gateway's last order for it) has its request overrides ended.
 */
public final class StatusProjection extends Projection<AgentStatus> {

    private final OverridePublisher overrides;

    public StatusProjection(Topics topics, Services services, OverridePublisher overrides) {
        super("agent-status", topics, Topics::agentsStatus, AgentStatus::getAgentId, services);
        this.overrides = overrides;
    }

    @Override
    protected boolean apply(AgentStatus status) {
        if (!firstTime(status.getEventId())) {
            return false;
        }
        boolean applied = jdbc.sql("""
                        UPDATE agents SET status = ?, status_reason = ?, status_revision = ?, status_time = ?
                        WHERE id = ? AND status_revision <= ?""")
                .params(status.getStatus().name(), status.getReason(), status.getConfigRevision(),
                        Timestamp.from(status.getEventTime()), status.getAgentId(), status.getConfigRevision())
                .update() == 1;
        if (applied && status.getStatus() == AgentState.DELETED) {
            overrides.end(status.getAgentId());
        }
        return applied;
    }

    @Override
    protected void announce(AgentStatus status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", status.getStatus().name().toLowerCase(Locale.ROOT));
        fields.put("reason", status.getReason());
        fields.put("revision", status.getConfigRevision());
        fields.put("time", status.getEventTime().toString());
        live.publish(status.getAgentId(), "agent_status", fields);
    }
}
