package io.agenthub.api.agents;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The body of {@code POST /api/agents}: the seed's fields ({@code symbol}, {@code strategy_name},
 * {@code interval_seconds}, {@code live_mode}, {@code risk_params}) and optional settings, every one with a default
 * ({@link AgentSpec#defaults}); what the seed's clients also send, a display {@code name} and the agent's own LLM
 * choice ({@code llm_provider}, {@code llm_model}, kept as the agent's {@code LLM_PROVIDER} / {@code LLM_MODEL}
 * secrets); where it runs ({@code deployment}); and where it trades ({@code venue}, with {@code live_mode}). Field names are snake_case on the wire; unknown fields are refused with their name.
 */
public record AgentRequest(
        @Schema(description = "Market, BASE/QUOTE (BTC/USDT; btcusdt and BTC-USDT are accepted); one of the supported symbols", example = "BTC/USDT")
        @NotBlank @Size(max = 32) String symbol,
        @Schema(description = "A strategy from GET /api/strategies", example = "ema_crossover")
        @NotBlank @Size(max = 64) String strategyName,
        @Schema(description = "The strategy's parameters within the bounds GET /api/strategies gives; missing ones take their defaults. "
                + "`threshold` (0, 1], default 0.5: the smallest |signal| the agent acts on")
        @Size(max = 32) Map<String, @NotNull BigDecimal> strategyParams,
        @Schema(description = "Bar length the strategy sees, seconds", defaultValue = "1", minimum = "1", maximum = "86400")
        @Min(1) @Max(AgentSpec.MAX_INTERVAL_SECONDS) Integer intervalSeconds,
        @Schema(description = "true: a live venue (venue; default hashkey, HashKey Global, which needs HASHKEY_API_KEY and "
                + "HASHKEY_SECRET); false: the paper venue. Default: what venue says, else false")
        Boolean liveMode,
        @Schema(description = "Risk limits; every field has a default")
        @Valid RiskParams riskParams,
        @Schema(description = "fixed: stop_loss_pct/take_profit_pct from entry; dynamic: 2 x ATR stop, 2:1 reward:risk target", defaultValue = "fixed")
        TpSlMode tpSlMode,
        @Schema(description = "Whether the agent may open short positions", defaultValue = "false")
        Boolean allowShort,
        @Schema(description = "Halt the agent (status error) after this session drawdown, percent of starting equity; none by default")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal lossLimitPct,
        @Schema(description = "Paper venue fee rates; default 0.001 maker and taker")
        @Valid Fees fees,
        @Schema(description = "Paper venue slippage, basis points of price", defaultValue = "2")
        @DecimalMin("0") @DecimalMax("1000") BigDecimal slippageBps,
        @Schema(description = "The LLM planning cycle; default disabled, every 60 bars")
        @Valid Planner planner,
        @Schema(description = "The LLM supervision cycle on an open position; default disabled, every 10 ticks (every_n_ticks), "
                + "or every_n_seconds of market time when given")
        @Valid Supervisor supervisor,
        @Schema(description = "Show this agent (never its owner) on GET /api/leaderboard", defaultValue = "false")
        Boolean publicLeaderboard,
        @Schema(description = "A display name; default \"<strategy_name> on <symbol>\"", example = "BTC trend")
        @Size(max = 100) String name,
        @Schema(description = "The agent's LLM provider for planning and supervision (openai, anthropic, deepseek, gemini, none): "
                + "stored as the agent's LLM_PROVIDER secret, which wins over its owner's and the service's")
        @Pattern(regexp = "openai|anthropic|deepseek|gemini|none", message = "must be one of openai, anthropic, deepseek, gemini, none")
        String llmProvider,
        @Schema(description = "The agent's LLM model (e.g. gpt-4o-mini): stored as the agent's LLM_MODEL secret; default the provider's")
        @Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "must be a model name: letters, digits and . _ : / -")
        String llmModel,
        @Schema(description = "Where the agent's processor runs: shared (the processor pool) or dedicated (a container of its own, "
                + "created, stopped, kept and removed with the agent; needs the API's docker runtime). Default: the runtime's "
                + "(agenthub.api.runtime.docker.default-deployment); fixed at creation")
        Deployment deployment,
        @Schema(description = "The venue the agent trades on: paper, or a live venue (hashkey). Default: hashkey when live_mode, "
                + "else paper; it must agree with live_mode when both are given")
        @Size(min = 1, max = 32) String venue) {

    public enum Deployment {
        @JsonProperty("shared") SHARED,
        @JsonProperty("dedicated") DEDICATED
    }

    public enum TpSlMode {
        @JsonProperty("fixed") FIXED,
        @JsonProperty("dynamic") DYNAMIC
    }

    /** Percentages are percent: {@code 2.5} is 2.5 %. */
    public record RiskParams(
            @Schema(description = "Cap on position notional, quote asset", defaultValue = "1000")
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("10000000") BigDecimal maxPositionUsd,
            @Schema(description = "Stop-loss distance from entry, percent", defaultValue = "2")
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("50") BigDecimal stopLossPct,
            @Schema(description = "Take-profit distance from entry, percent", defaultValue = "4")
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") BigDecimal takeProfitPct,
            @Schema(description = "Leverage; margin = notional / leverage", defaultValue = "1", minimum = "1", maximum = "125")
            @Min(1) @Max(125) Integer leverage,
            @Schema(description = "The furthest any stop (yours, dynamic, or an LLM supervisor's) may sit from entry, percent; default stop_loss_pct")
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

    /** Reviews come every {@code every_n_ticks} ticks on an open position, or every {@code every_n_seconds} of market time when given. */
    public record Supervisor(@NotNull Boolean enabled, @JsonProperty("every_n_ticks") @Min(1) @Max(1_000_000) Integer everyNTicks,
                             @JsonProperty("every_n_seconds") @Min(1) @Max(86_400) Integer everyNSeconds) {
    }
}
