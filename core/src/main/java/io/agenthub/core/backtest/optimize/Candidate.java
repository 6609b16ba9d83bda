package io.agenthub.core.backtest.optimize;

import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.RiskSettings;

import java.math.BigDecimal;
import java.util.Locale;

/** One point of a search: strategy parameters, the signal threshold, and the fixed stop-loss and take-profit. */
public record Candidate(StrategyParameters parameters, double threshold, BigDecimal stopLossPct, BigDecimal takeProfitPct) {

    /** The base spec with this candidate's values; a stop beyond the base's max_loss_pct raises that bound to match. */
    public BacktestSpec applyTo(BacktestSpec base) {
        RiskSettings r = base.risk();
        BigDecimal maxLoss = r.maxLossPct().max(stopLossPct);
        RiskSettings risk = new RiskSettings(r.maxPositionUsd(), stopLossPct, takeProfitPct, r.leverage(), maxLoss,
                r.lossLimitPct(), r.allowShort(), r.tpSlMode(), r.atrMultiplier(), r.rewardRisk(), r.maintenanceMarginRate());
        return base.withParameters(parameters).withRisk(risk).withThreshold(threshold);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        parameters.asMap().forEach((k, v) -> sb.append(k).append('=').append(v == Math.rint(v) ? Long.toString((long) v.doubleValue()) : v).append(' '));
        return sb.append(String.format(Locale.ROOT, "threshold=%.2f sl=%s%% tp=%s%%", threshold,
                stopLossPct.toPlainString(), takeProfitPct.toPlainString())).toString();
    }
}
