package io.agenthub.cli;

import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.core.trading.TpSlMode;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** How the agent trades: threshold, risk and costs. */
final class AgentOptions {

    @Option(names = "--threshold", defaultValue = "0.5", description = "minimum |signal| to act, 0..1 (default ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--max-position-usd", defaultValue = "1000", description = "notional of a position (default ${DEFAULT-VALUE})")
    BigDecimal maxPositionUsd;

    @Option(names = "--stop-loss-pct", defaultValue = "2", description = "stop-loss distance, percent (default ${DEFAULT-VALUE})")
    BigDecimal stopLossPct;

    @Option(names = "--take-profit-pct", defaultValue = "4", description = "take-profit distance, percent (default ${DEFAULT-VALUE})")
    BigDecimal takeProfitPct;

    @Option(names = "--max-loss-pct", description = "furthest a stop may sit from entry, percent (default: the stop-loss)")
    BigDecimal maxLossPct;

    @Option(names = "--loss-limit-pct", description = "halt after this drawdown of starting equity, percent")
    BigDecimal lossLimitPct;

    @Option(names = "--leverage", defaultValue = "1", description = "1..125 (default ${DEFAULT-VALUE})")
    int leverage;

    @Option(names = "--allow-short", description = "allow short positions")
    boolean allowShort;

    @Option(names = "--tp-sl-mode", defaultValue = "fixed", description = "fixed or dynamic (k x ATR stop, reward:risk target)")
    String tpSlMode;

    @Option(names = "--capital", defaultValue = "10000", description = "starting equity (default ${DEFAULT-VALUE})")
    BigDecimal capital;

    @Option(names = "--taker-fee", defaultValue = "0.001", description = "taker fee rate (default ${DEFAULT-VALUE} = 0.1 %%)")
    BigDecimal takerFee;

    @Option(names = "--maker-fee", defaultValue = "0.001", description = "maker fee rate (default ${DEFAULT-VALUE})")
    BigDecimal makerFee;

    @Option(names = "--slippage-bps", defaultValue = "2", description = "slippage in basis points (default ${DEFAULT-VALUE})")
    BigDecimal slippageBps;

    BacktestSpec spec(Instrument instrument, StrategyDefinition strategy, Map<String, Double> parameters) {
        TpSlMode mode = switch (tpSlMode.toLowerCase(Locale.ROOT)) {
            case "fixed" -> TpSlMode.FIXED;
            case "dynamic" -> TpSlMode.DYNAMIC;
            default -> throw new IllegalArgumentException("--tp-sl-mode must be fixed or dynamic, got '" + tpSlMode + "'");
        };
        RiskSettings risk = new RiskSettings(maxPositionUsd, stopLossPct, takeProfitPct, leverage, maxLossPct, lossLimitPct,
                allowShort, mode, new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("0.005"));
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("--threshold must be within (0, 1], got " + threshold);
        }
        return new BacktestSpec(instrument, strategy, StrategyParameters.of(strategy, parameters), risk,
                new ExecutionCosts(makerFee, takerFee, slippageBps), threshold, capital);
    }
}
