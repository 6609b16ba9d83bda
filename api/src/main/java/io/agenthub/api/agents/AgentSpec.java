package io.agenthub.api.agents;

import io.agenthub.core.broker.Venues;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * An agent's settings as the API accepted them: every default filled in, the symbol in canonical form. Stored as
 * JSON with the agent and turned into the {@code AgentConfig} event the processors run.
 */
public record AgentSpec(
        String symbol,
        String strategyName,
        Map<String, BigDecimal> strategyParams,
        int intervalSeconds,
        boolean liveMode,
        AgentRequest.RiskParams riskParams,
        AgentRequest.TpSlMode tpSlMode,
        boolean allowShort,
        BigDecimal lossLimitPct,
        AgentRequest.Fees fees,
        BigDecimal slippageBps,
        AgentRequest.Planner planner,
        AgentRequest.Supervisor supervisor,
        boolean publicLeaderboard,
        String name,
        AgentRequest.Deployment deployment,
        String venue) {

    /**
     * An agent stored before names existed is shown by its strategy and symbol; one stored before venues were named
     * trades where its live flag said.
     */
    public AgentSpec {
        name = name == null || name.isBlank() ? strategyName + " on " + symbol : name.strip();
        venue = Venues.of(venue, liveMode);
    }

    public static final int MAX_INTERVAL_SECONDS = 86_400;

    /** The same settings, hosted as given ({@code null} until the runtime chose; agents stored before had none). */
    public AgentSpec hosted(AgentRequest.Deployment hosting) {
        return new AgentSpec(symbol, strategyName, strategyParams, intervalSeconds, liveMode, riskParams, tpSlMode, allowShort,
                lossLimitPct, fees, slippageBps, planner, supervisor, publicLeaderboard, name, hosting, venue);
    }

    /** Defaults, one place: a 1 s, paper, long-only agent with $1,000 positions, a 2 % stop and a 4 % target. */
    static AgentSpec defaults(AgentRequest request, String canonicalSymbol) {
        AgentRequest.RiskParams risk = request.riskParams() == null
                ? new AgentRequest.RiskParams(null, null, null, null, null) : request.riskParams();
        BigDecimal stop = or(risk.stopLossPct(), "2");
        AgentRequest.Planner planner = request.planner() == null ? new AgentRequest.Planner(false, null) : request.planner();
        AgentRequest.Supervisor supervisor = request.supervisor() == null ? new AgentRequest.Supervisor(false, null, null) : request.supervisor();
        return new AgentSpec(
                canonicalSymbol,
                request.strategyName().strip(),
                request.strategyParams() == null ? Map.of() : new TreeMap<>(request.strategyParams()),
                request.intervalSeconds() == null ? 1 : request.intervalSeconds(),
                request.liveMode() != null ? request.liveMode() : request.venue() != null && Venues.isLive(request.venue().strip()),
                new AgentRequest.RiskParams(or(risk.maxPositionUsd(), "1000"), stop, or(risk.takeProfitPct(), "4"),
                        risk.leverage() == null ? 1 : risk.leverage(), risk.maxLossPct() == null ? stop : risk.maxLossPct()),
                request.tpSlMode() == null ? AgentRequest.TpSlMode.FIXED : request.tpSlMode(),
                Boolean.TRUE.equals(request.allowShort()),
                request.lossLimitPct(),
                request.fees() == null ? new AgentRequest.Fees(new BigDecimal("0.001"), new BigDecimal("0.001")) : request.fees(),
                request.slippageBps() == null ? new BigDecimal("2") : request.slippageBps(),
                new AgentRequest.Planner(planner.enabled(), planner.everyNBars() == null ? 60 : planner.everyNBars()),
                new AgentRequest.Supervisor(supervisor.enabled(), supervisor.everyNTicks() == null ? 10 : supervisor.everyNTicks(),
                        supervisor.everyNSeconds()),
                Boolean.TRUE.equals(request.publicLeaderboard()),
                request.name(),
                request.deployment(),
                request.venue() == null ? null : request.venue().strip());
    }

    private static BigDecimal or(BigDecimal value, String fallback) {
        return value == null ? new BigDecimal(fallback) : value;
    }
}
