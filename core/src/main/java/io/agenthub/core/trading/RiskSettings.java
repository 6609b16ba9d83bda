package io.agenthub.core.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An agent's risk parameters, validated once. Percentages are percent ({@code 2.5} = 2.5 %).
 *
 * @param maxPositionUsd        notional cap of a position, quote asset
 * @param leverage              1..125; margin = notional / leverage
 * @param maxLossPct            the furthest a stop may ever sit from entry; defaults to {@code stopLossPct}
 * @param lossLimitPct          halt the agent after this drawdown of the session's starting equity; null = none
 * @param atrMultiplier         k of the dynamic stop ({@code k × ATR})
 * @param rewardRisk            take-profit distance as a multiple of the dynamic stop distance
 * @param maintenanceMarginRate isolated-margin maintenance rate used for the liquidation price
 */
public record RiskSettings(BigDecimal maxPositionUsd, BigDecimal stopLossPct, BigDecimal takeProfitPct, int leverage,
                           BigDecimal maxLossPct, BigDecimal lossLimitPct, boolean allowShort, TpSlMode tpSlMode,
                           BigDecimal atrMultiplier, BigDecimal rewardRisk, BigDecimal maintenanceMarginRate) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public RiskSettings {
        Objects.requireNonNull(maxPositionUsd, "maxPositionUsd");
        Objects.requireNonNull(stopLossPct, "stopLossPct");
        Objects.requireNonNull(takeProfitPct, "takeProfitPct");
        Objects.requireNonNull(tpSlMode, "tpSlMode");
        Objects.requireNonNull(atrMultiplier, "atrMultiplier");
        Objects.requireNonNull(rewardRisk, "rewardRisk");
        Objects.requireNonNull(maintenanceMarginRate, "maintenanceMarginRate");
        if (maxLossPct == null) {
            maxLossPct = stopLossPct;
        }
        List<String> problems = problems(maxPositionUsd, stopLossPct, takeProfitPct, leverage, maxLossPct, lossLimitPct,
                atrMultiplier, rewardRisk, maintenanceMarginRate);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("risk settings: " + String.join("; ", problems));
        }
    }

    /** Sensible defaults for a paper agent: $1,000 positions, 2 % stop, 4 % target, no leverage, long only. */
    public static RiskSettings defaults() {
        return new RiskSettings(new BigDecimal("1000"), new BigDecimal("2"), new BigDecimal("4"), 1, null, null, false,
                TpSlMode.FIXED, new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("0.005"));
    }

    static List<String> problems(BigDecimal maxPositionUsd, BigDecimal stopLossPct, BigDecimal takeProfitPct, int leverage,
                                 BigDecimal maxLossPct, BigDecimal lossLimitPct, BigDecimal atrMultiplier, BigDecimal rewardRisk,
                                 BigDecimal maintenanceMarginRate) {
        List<String> problems = new ArrayList<>();
        if (maxPositionUsd.signum() <= 0) {
            problems.add("max_position_usd must be positive");
        }
        percent(problems, "stop_loss_pct", stopLossPct, new BigDecimal("50"));
        percent(problems, "take_profit_pct", takeProfitPct, new BigDecimal("1000"));
        percent(problems, "max_loss_pct", maxLossPct, new BigDecimal("50"));
        if (lossLimitPct != null) {
            percent(problems, "loss_limit_pct", lossLimitPct, new BigDecimal("100"));
        }
        if (leverage < 1 || leverage > 125) {
            problems.add("leverage must be an integer within 1..125, got " + leverage);
        }
        if (stopLossPct.compareTo(maxLossPct) > 0) {
            problems.add("stop_loss_pct " + stopLossPct.toPlainString() + " exceeds max_loss_pct " + maxLossPct.toPlainString());
        }
        if (atrMultiplier.signum() <= 0 || atrMultiplier.compareTo(BigDecimal.TEN) > 0) {
            problems.add("atr multiplier must be within (0, 10]");
        }
        if (rewardRisk.signum() <= 0 || rewardRisk.compareTo(BigDecimal.valueOf(20)) > 0) {
            problems.add("reward:risk must be within (0, 20]");
        }
        if (maintenanceMarginRate.signum() < 0 || maintenanceMarginRate.compareTo(new BigDecimal("0.5")) >= 0) {
            problems.add("maintenance margin rate must be within [0, 0.5)");
        }
        return problems;
    }

    private static void percent(List<String> problems, String name, BigDecimal value, BigDecimal max) {
        if (value == null || value.signum() <= 0 || value.compareTo(max) > 0) {
            problems.add(name + " must be above 0 and at most " + max.toPlainString() + ", got " + (value == null ? "nothing" : value.toPlainString()));
        }
    }

    /** The same settings with another stop-loss percentage (within {@code max_loss_pct}). */
    public RiskSettings withStopLossPct(BigDecimal percent) {
        return new RiskSettings(maxPositionUsd, percent, takeProfitPct, leverage, maxLossPct, lossLimitPct, allowShort, tpSlMode,
                atrMultiplier, rewardRisk, maintenanceMarginRate);
    }

    /** The same settings with another {@code max_loss_pct}; the stop-loss percentage is pulled in to it if it was wider. */
    public RiskSettings withMaxLossPct(BigDecimal percent) {
        return new RiskSettings(maxPositionUsd, stopLossPct.min(percent), takeProfitPct, leverage, percent, lossLimitPct, allowShort,
                tpSlMode, atrMultiplier, rewardRisk, maintenanceMarginRate);
    }

    /** The base quantity a new position may hold at {@code price}: the notional cap over the price, rounded down. */
    public BigDecimal quantityAt(BigDecimal price, int sizeScale) {
        return maxPositionUsd.divide(price, sizeScale, RoundingMode.DOWN);
    }

    /** Margin a position of this notional ties up. */
    public BigDecimal marginFor(BigDecimal notional) {
        return notional.divide(BigDecimal.valueOf(leverage), 8, RoundingMode.HALF_UP);
    }

    static BigDecimal fraction(BigDecimal percent) {
        return percent.divide(HUNDRED);
    }
}
