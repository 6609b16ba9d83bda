package io.agenthub.api.agents;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PATCH /api/agents/{id}}: any of the create fields; what is absent (or null) stays as it is,
 * nested objects merge field by field. Risk parameters, strategy, its parameters, costs, planner and supervisor apply
 * to the running agent at its next tick or bar; {@code symbol}, {@code live_mode} and {@code venue} change the market or the venue
 * and are accepted only while the agent is stopped.
 */
public record AgentPatch(
        @Size(min = 1, max = 32) String symbol,
        @Size(min = 1, max = 64) String strategyName,
        @Size(max = 32) Map<String, @NotNull BigDecimal> strategyParams,
        @Min(1) @Max(AgentSpec.MAX_INTERVAL_SECONDS) Integer intervalSeconds,
        Boolean liveMode,
        @Valid AgentRequest.RiskParams riskParams,
        AgentRequest.TpSlMode tpSlMode,
        Boolean allowShort,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal lossLimitPct,
        @Valid AgentRequest.Fees fees,
        @DecimalMin("0") @DecimalMax("1000") BigDecimal slippageBps,
        @Valid Planner planner,
        @Valid Supervisor supervisor,
        Boolean publicLeaderboard,
        @Size(min = 1, max = 100) String name,
        @Size(min = 1, max = 32) String venue,
        @Pattern(regexp = "openai|anthropic|deepseek|gemini|none", message = "must be one of openai, anthropic, deepseek, gemini, none")
        String llmProvider,
        @Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "must be a model name: letters, digits and . _ : / -")
        String llmModel) {

    public record Planner(Boolean enabled, @JsonProperty("every_n_bars") @Min(1) @Max(100_000) Integer everyNBars) {
    }

    public record Supervisor(Boolean enabled, @JsonProperty("every_n_ticks") @Min(1) @Max(1_000_000) Integer everyNTicks,
                             @JsonProperty("every_n_seconds") @Min(1) @Max(86_400) Integer everyNSeconds) {
    }

    /** The fields given that need the agent stopped, in wire names. */
    List<String> needingStop(AgentSpec current) {
        List<String> fields = new ArrayList<>();
        if (symbol != null && !symbol.equalsIgnoreCase(current.symbol())) {
            fields.add("symbol");
        }
        if (liveMode != null && liveMode != current.liveMode()) {
            fields.add("live_mode");
        }
        if (venue != null && !venue.strip().equals(current.venue())) {
            fields.add("venue");
        }
        return fields;
    }

    /** The current settings with this patch applied, as a create request (so it is checked exactly like one). */
    AgentRequest applyTo(AgentSpec current) {
        AgentRequest.RiskParams risk = current.riskParams();
        AgentRequest.RiskParams patchedRisk = riskParams == null ? risk : new AgentRequest.RiskParams(
                or(riskParams.maxPositionUsd(), risk.maxPositionUsd()), or(riskParams.stopLossPct(), risk.stopLossPct()),
                or(riskParams.takeProfitPct(), risk.takeProfitPct()), or(riskParams.leverage(), risk.leverage()),
                or(riskParams.maxLossPct(), risk.maxLossPct()));
        return new AgentRequest(
                or(symbol, current.symbol()),
                or(strategyName, current.strategyName()),
                strategyParams != null ? strategyParams
                        : strategyName != null && !strategyName.equals(current.strategyName()) ? Map.of() : current.strategyParams(),
                or(intervalSeconds, current.intervalSeconds()),
                liveMode != null ? liveMode : venue != null ? null : current.liveMode(),
                patchedRisk,
                or(tpSlMode, current.tpSlMode()),
                or(allowShort, current.allowShort()),
                or(lossLimitPct, current.lossLimitPct()),
                fees == null ? current.fees() : fees,
                or(slippageBps, current.slippageBps()),
                planner == null ? current.planner() : new AgentRequest.Planner(or(planner.enabled(), current.planner().enabled()),
                        or(planner.everyNBars(), current.planner().everyNBars())),
                supervisor == null ? current.supervisor() : new AgentRequest.Supervisor(or(supervisor.enabled(), current.supervisor().enabled()),
                        or(supervisor.everyNTicks(), current.supervisor().everyNTicks()),
                        or(supervisor.everyNSeconds(), current.supervisor().everyNSeconds())),
                or(publicLeaderboard, current.publicLeaderboard()),
                or(name, current.name()),
                llmProvider,
                llmModel,
                current.deployment(),
                venue != null ? venue : liveMode == null || liveMode == current.liveMode() ? current.venue() : null);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
