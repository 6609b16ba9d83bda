package io.agenthub.api.projection;

import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.topics.Topics;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.TreeMap;

/** Each agent's latest plan from {@code agents.plans} (a newer request sequence replaces an older one, never the reverse). */
public final class PlanProjection extends Projection<StrategyPlan> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public PlanProjection(Topics topics, Services services) {
        super("plans", topics, Topics::agentsPlans, StrategyPlan::getAgentId, services);
    }

    @Override
    protected boolean apply(StrategyPlan p) {
        TreeMap<String, BigDecimal> params = new TreeMap<>();
        p.getParams().forEach((k, v) -> params.put(k, Decimals.fromWire(v)));
        return jdbc.sql("""
                        INSERT INTO plans (agent_id, event_id, time, request_sequence, strategy_name, lookback, threshold, max_loss_pct,
                                           params, reasoning, provider, model, fallback, fallback_reason, decision_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (agent_id) DO UPDATE SET event_id = EXCLUDED.event_id, time = EXCLUDED.time,
                            request_sequence = EXCLUDED.request_sequence, strategy_name = EXCLUDED.strategy_name,
                            lookback = EXCLUDED.lookback, threshold = EXCLUDED.threshold, max_loss_pct = EXCLUDED.max_loss_pct,
                            params = EXCLUDED.params, reasoning = EXCLUDED.reasoning, provider = EXCLUDED.provider,
                            model = EXCLUDED.model, fallback = EXCLUDED.fallback, fallback_reason = EXCLUDED.fallback_reason,
                            decision_id = EXCLUDED.decision_id
                        WHERE plans.request_sequence < EXCLUDED.request_sequence""")
                .params(p.getAgentId(), p.getEventId(), Timestamp.from(p.getEventTime()), p.getRequestSequence(), p.getStrategyName(),
                        p.getLookback(), Decimals.fromWire(p.getThreshold()), Decimals.fromWire(p.getMaxLossPct()),
                        JSON.writeValueAsString(params), p.getReasoning(), p.getProvider(), p.getModel(), p.getFallback(),
                        p.getFallbackReason(), p.getDecisionId())
                .update() == 1;
    }

    @Override
    protected void announce(StrategyPlan p) {
        // the decision that produced it is announced by the decision projection
    }
}
