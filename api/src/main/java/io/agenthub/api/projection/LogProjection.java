package io.agenthub.api.projection;

import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.topics.Topics;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Agents' log lines from {@code agents.logs}, one row per event. */
public final class LogProjection extends Projection<AgentLogEntry> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public LogProjection(Topics topics, Services services) {
        super("agent-logs", topics, Topics::agentsLogs, AgentLogEntry::getAgentId, services);
    }

    @Override
    protected boolean apply(AgentLogEntry entry) {
        return jdbc.sql("""
                        INSERT INTO agent_logs (event_id, agent_id, time, level, message, fields) VALUES (?, ?, ?, ?, ?, ?::jsonb)
                        ON CONFLICT (event_id) DO NOTHING""")
                .params(entry.getEventId(), entry.getAgentId(), Timestamp.from(entry.getEventTime()), entry.getLevel().name(),
                        entry.getMessage(), JSON.writeValueAsString(new TreeMap<>(entry.getFields())))
                .update() == 1;
    }

    @Override
    protected void announce(AgentLogEntry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("level", entry.getLevel().name().toLowerCase(Locale.ROOT));
        fields.put("message", entry.getMessage());
        fields.put("time", entry.getEventTime().toString());
        fields.put("fields", new TreeMap<>(entry.getFields()));
        live.publish(entry.getAgentId(), "log", fields);
    }
}
