package io.agenthub.api.projection;

import io.agenthub.schemas.events.DecisionRecord;
import io.agenthub.schemas.topics.Topics;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The audit trail from {@code agents.decisions}: every LLM or rule-based decision, once. */
public final class DecisionProjection extends Projection<DecisionRecord> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public DecisionProjection(Topics topics, Services services) {
        super("decisions", topics, Topics::agentsDecisions, DecisionRecord::getAgentId, services);
    }

    @Override
    protected boolean apply(DecisionRecord d) {
        return jdbc.sql("""
                        INSERT INTO decisions (event_id, agent_id, time, kind, provider, model, prompt_digest, evidence, reply, reasoning,
                                               decision, validation_notes, latency_ms, input_tokens, output_tokens, fallback, fallback_reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")
                .params(d.getEventId(), d.getAgentId(), Timestamp.from(d.getEventTime()), d.getKind().name(), d.getProvider(), d.getModel(),
                        d.getPromptDigest(), d.getEvidence(), d.getReply(), d.getReasoning(), d.getDecision(),
                        JSON.writeValueAsString(d.getValidationNotes()), d.getLatencyMs(), d.getInputTokens(), d.getOutputTokens(),
                        d.getFallback(), d.getFallbackReason())
                .update() == 1;
    }

    @Override
    protected void announce(DecisionRecord d) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", d.getKind().name().toLowerCase(Locale.ROOT));
        fields.put("provider", d.getProvider());
        fields.put("decision", d.getDecision());
        fields.put("reasoning", d.getReasoning());
        fields.put("fallback", d.getFallback());
        fields.put("time", d.getEventTime().toString());
        live.publish(d.getAgentId(), "decision", fields);
    }
}
