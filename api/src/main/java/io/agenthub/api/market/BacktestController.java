package io.agenthub.api.market;

import io.agenthub.api.agents.AgentChecks;
import io.agenthub.api.agents.AgentRequest;
import io.agenthub.api.agents.AgentSpec;
import io.agenthub.api.auth.Caller;
import io.agenthub.api.web.InvalidRequestException;
import io.agenthub.api.web.Params;
import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestResult;
import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.backtest.Statistics;
import io.agenthub.core.backtest.Trade;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.core.trading.TpSlMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/backtests}: the backtest engine the processors share, on the bundled real candles, with an agent's
 * strategy and risk settings (checked exactly like an agent's). At most two run at once, and one per user; beyond that
 * the answer is 429.
 */
@RestController
public class BacktestController {

    public record BacktestRequest(
            @NotBlank @Size(max = 64) String strategyName,
            @Size(max = 32) Map<String, @NotNull BigDecimal> strategyParams,
            String timeframe,
            String from,
            String to,
            @Valid AgentRequest.RiskParams riskParams,
            AgentRequest.TpSlMode tpSlMode,
            Boolean allowShort,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal lossLimitPct,
            @Valid AgentRequest.Fees fees,
            @DecimalMin("0") @DecimalMax("1000") BigDecimal slippageBps,
            @DecimalMin(value = "1") @DecimalMax("100000000") BigDecimal initialEquity) {
    }

    public record TradeView(String side, Instant entryTime, BigDecimal entryPrice, Instant exitTime, BigDecimal exitPrice,
                            BigDecimal quantity, BigDecimal fees, BigDecimal netPnl, String exitReason) {
    }

    public record EquityPoint(Instant time, double equity) {
    }

    public record BacktestView(String strategyName, Map<String, Double> parameters, String data, String timeframe, int bars,
                               Statistics statistics, List<TradeView> trades, List<EquityPoint> equity) {
    }

    private static final int MAX_EQUITY_POINTS = 1000;
    static final long RETRY_AFTER_SECONDS = 2;
    private final BacktestSlots slots = new BacktestSlots(2);
    private final Candles candles;
    private final AgentChecks validation;
    private final Instruments instruments;
    private final StrategyCatalog catalog;

    public BacktestController(Candles candles, AgentChecks validation, Instruments instruments, StrategyCatalog catalog) {
        this.candles = candles;
        this.validation = validation;
        this.instruments = instruments;
        this.catalog = catalog;
    }

    @PostMapping("/api/backtests")
    @ResponseStatus(HttpStatus.OK)
    BacktestView run(Authentication caller, @Valid @RequestBody BacktestRequest request) {
        AgentSpec spec = validation.accept(new AgentRequest(BundledDataset.SYMBOL.toString(), request.strategyName(), request.strategyParams(),
                null, false, request.riskParams(), request.tpSlMode(), request.allowShort(), request.lossLimitPct(), request.fees(),
                request.slippageBps(), null, null, false, null, null, null, null, null));
        String tfLabel = request.timeframe() == null ? "15m" : request.timeframe();
        if (!MarketController.TIMEFRAMES.contains(tfLabel)) {
            throw InvalidRequestException.of("timeframe", "must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d");
        }
        BarSeries series = candles.bundled().orElseThrow(() -> InvalidRequestException.of("data", "the bundled dataset is not on this machine"));
        Instant from = Params.instant("from", request.from(), Instant.EPOCH);
        Instant to = Params.instant("to", request.to(), Instant.parse("9999-01-01T00:00:00Z"));
        try {
            series = series.slice(from.toEpochMilli(), to.toEpochMilli()).aggregate(Timeframe.parse(tfLabel));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("from", "the bundled dataset has no bars in that window (it covers 2023-03-01 to 2023-03-21)");
        }
        BacktestSlots.Slot slot;
        try {
            slot = slots.take(Caller.id(caller));
        } catch (BacktestSlots.Busy busy) {
            throw tooManyRequests(busy);
        }
        try (slot) {
            BacktestResult result = Backtest.run(backtestSpec(spec, request.initialEquity()), series);
            return view(spec, tfLabel, series, result);
        }
    }

    /** A backtest takes a second or two: the client is told when to try again ({@code Retry-After}, seconds). */
    static ErrorResponseException tooManyRequests(BacktestSlots.Busy busy) {
        ErrorResponseException refused = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS,
                ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, busy.getMessage()), busy);
        refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        return refused;
    }

    private BacktestSpec backtestSpec(AgentSpec spec, BigDecimal initialEquity) {
        StrategyDefinition strategy = catalog.require(spec.strategyName());
        Map<String, Double> params = new LinkedHashMap<>();
        spec.strategyParams().forEach((k, v) -> params.put(k, v.doubleValue()));
        Double threshold = params.remove("threshold");
        AgentRequest.RiskParams r = spec.riskParams();
        RiskSettings defaults = RiskSettings.defaults();
        RiskSettings risk = new RiskSettings(r.maxPositionUsd(), r.stopLossPct(), r.takeProfitPct(), r.leverage(), r.maxLossPct(),
                spec.lossLimitPct(), spec.allowShort(), TpSlMode.valueOf(spec.tpSlMode().name()), defaults.atrMultiplier(),
                defaults.rewardRisk(), defaults.maintenanceMarginRate());
        return new BacktestSpec(instruments.resolve(spec.symbol()), strategy, StrategyParameters.of(strategy, params), risk,
                new ExecutionCosts(spec.fees().makerRate(), spec.fees().takerRate(), spec.slippageBps()),
                threshold == null ? 0.5 : threshold, initialEquity == null ? new BigDecimal("10000") : initialEquity);
    }

    private static BacktestView view(AgentSpec spec, String timeframe, BarSeries series, BacktestResult result) {
        List<TradeView> trades = new ArrayList<>();
        for (Trade t : result.trades()) {
            trades.add(new TradeView(t.side().name(), Instant.ofEpochMilli(t.entryTime()), t.entryPrice(), Instant.ofEpochMilli(t.exitTime()),
                    t.exitPrice(), t.quantity(), t.fees(), t.netPnl(), t.exitReason()));
        }
        List<EquityPoint> equity = new ArrayList<>();
        int step = Math.max(1, result.equity().length / MAX_EQUITY_POINTS);
        for (int i = 0; i < result.equity().length; i += step) {
            equity.add(new EquityPoint(Instant.ofEpochMilli(result.barTimes()[i]), result.equity()[i]));
        }
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.putAll(result.spec().parameters().asMap());
        return new BacktestView(spec.strategyName(), parameters, "bundled " + BundledDataset.SYMBOL + " 1m candles, aggregated", timeframe,
                series.size(), result.statistics(), trades, equity);
    }
}
