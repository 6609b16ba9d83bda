package io.agenthub.api.agents;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The body of {@code POST /api/agents}: the seed's fields ({@code symbol}, {@code strategy_name},
 * {@code interval_seconds}, {@code live_mode}, {@code risk_params}) and optional settings, every one with a default
 * ({@link AgentSpec#defaults}). Field names are snake_case on the wire; unknown fields are refused.
 */
public record AgentRequest(
        @NotBlank @Size(max = 32) String symbol,
        @NotBlank @Size(max = 64) String strategyName,
        @Size(max = 32) Map<String, @NotNull BigDecimal> strategyParams,
        @Min(1) @Max(AgentSpec.MAX_INTERVAL_SECONDS) Integer intervalSeconds,
        Boolean liveMode,
        @Valid RiskParams riskParams,
        TpSlMode tpSlMode,
        Boolean allowShort,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal lossLimitPct,
        @Valid Fees fees,
        @DecimalMin("0") @DecimalMax("1000") BigDecimal slippageBps,
        @Valid Planner planner,
        @Valid Supervisor supervisor,
        Boolean publicLeaderboard) {

    public enum TpSlMode {
        @JsonProperty("fixed") FIXED,
        @JsonProperty("dynamic") DYNAMIC
    }

    /** Percentages are percent: {@code 2.5} is 2.5 %. */
    public record RiskParams(
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("10000000") BigDecimal maxPositionUsd,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("50") BigDecimal stopLossPct,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") BigDecimal takeProfitPct,
            @Min(1) @Max(125) Integer leverage,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("50") BigDecimal maxLossPct) {
    }

    /** Paper venue fee rates as fractions ({@code 0.001} = 0.1 %). */
    public record Fees(
            @NotNull @DecimalMin("0") @DecimalMax("0.1") BigDecimal makerRate,
            @NotNull @DecimalMin("0") @DecimalMax("0.1") BigDecimal takerRate) {
    }

    /** {@code every_n_bars} is spelled out: Jackson's snake case would make it {@code every_nbars}. */
    public record Planner(@NotNull Boolean enabled, @JsonProperty("every_n_bars") @Min(1) @Max(100_000) Integer everyNBars) {
    }

    public record Supervisor(@NotNull Boolean enabled, @JsonProperty("every_n_ticks") @Min(1) @Max(1_000_000) Integer everyNTicks) {
    }
}
