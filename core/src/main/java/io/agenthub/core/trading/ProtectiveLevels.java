package io.agenthub.core.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Stop-loss, take-profit and liquidation price of a position, rounded to the instrument's price scale.
 *
 * @param liquidationPrice isolated-margin liquidation price, or null without leverage
 */
public record ProtectiveLevels(BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal liquidationPrice) {

    /**
     * Levels for a position opened at {@code entry}: fixed percentages, or {@code k × ATR} and reward:risk when dynamic
     * (falling back to fixed while ATR is not known). The stop never lies further than {@code max_loss_pct} from entry,
     * nor beyond 90 % of the way to the liquidation price, so it fires first.
     */
    public static ProtectiveLevels place(PositionSide side, BigDecimal entry, double atr, RiskSettings risk, int priceScale) {
        BigDecimal stopDistance;
        BigDecimal targetDistance;
        if (risk.tpSlMode() == TpSlMode.DYNAMIC && atr > 0 && !Double.isNaN(atr)) {
            stopDistance = BigDecimal.valueOf(atr).multiply(risk.atrMultiplier());
            targetDistance = stopDistance.multiply(risk.rewardRisk());
        } else {
            stopDistance = entry.multiply(RiskSettings.fraction(risk.stopLossPct()));
            targetDistance = entry.multiply(RiskSettings.fraction(risk.takeProfitPct()));
        }
        BigDecimal maxLoss = entry.multiply(RiskSettings.fraction(risk.maxLossPct()));
        stopDistance = stopDistance.min(maxLoss);
        BigDecimal liquidation = liquidationPrice(side, entry, risk.leverage(), risk.maintenanceMarginRate(), priceScale);
        if (liquidation != null) {
            stopDistance = stopDistance.min(entry.subtract(liquidation).abs().multiply(new BigDecimal("0.9")));
        }
        int sign = side.sign();
        BigDecimal stop = entry.subtract(stopDistance.multiply(BigDecimal.valueOf(sign)))
                .setScale(priceScale, sign > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
        BigDecimal target = entry.add(targetDistance.multiply(BigDecimal.valueOf(sign)))
                .setScale(priceScale, sign > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING);
        return new ProtectiveLevels(stop, target, liquidation);
    }

    /**
     * Isolated-margin liquidation price of a linear (USDT-margined) position: the price at which the loss eats the
     * initial margin down to the maintenance margin. Null at leverage 1 (nothing is borrowed).
     */
    public static BigDecimal liquidationPrice(PositionSide side, BigDecimal entry, int leverage, BigDecimal maintenanceRate, int priceScale) {
        if (leverage <= 1) {
            return null;
        }
        BigDecimal initial = BigDecimal.ONE.divide(BigDecimal.valueOf(leverage), 12, RoundingMode.HALF_EVEN);
        BigDecimal factor = side == PositionSide.LONG
                ? BigDecimal.ONE.subtract(initial).add(maintenanceRate)
                : BigDecimal.ONE.add(initial).subtract(maintenanceRate);
        return entry.multiply(factor).setScale(priceScale, side == PositionSide.LONG ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }

    /**
     * A supervisor's new stop-loss and/or take-profit for a position opened at {@code entry}, never trusted: the stop must
     * lie on the losing side of {@code last} and is pulled in to {@code max_loss_pct} from entry; the take-profit must lie
     * beyond both entry and {@code last}. A level that fails keeps the current one; {@code null} keeps it too. What was
     * refused or clamped is added to {@code notes}.
     *
     * @return the levels to hold (these when nothing changes)
     */
    public ProtectiveLevels supervised(PositionSide side, BigDecimal entry, BigDecimal last, BigDecimal newStop, BigDecimal newTarget,
                                       RiskSettings risk, int priceScale, List<String> notes) {
        int sign = side.sign();
        BigDecimal stop = stopLoss;
        BigDecimal target = takeProfit;
        if (newStop != null) {
            if (newStop.signum() <= 0 || newStop.subtract(last).signum() * sign >= 0) {
                notes.add("stop " + newStop.toPlainString() + " refused: not on the losing side of the price " + last.toPlainString());
            } else {
                BigDecimal furthest = place(side, entry, Double.NaN, risk.withStopLossPct(risk.maxLossPct()), priceScale).stopLoss();
                if (newStop.subtract(furthest).signum() * sign < 0) {
                    notes.add("stop " + newStop.toPlainString() + " clamped to " + furthest.toPlainString() + " (max_loss_pct "
                            + risk.maxLossPct().toPlainString() + " %)");
                    stop = furthest;
                } else {
                    stop = newStop.setScale(priceScale, sign > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
                }
            }
        }
        if (newTarget != null) {
            if (newTarget.subtract(entry).signum() * sign <= 0 || newTarget.subtract(last).signum() * sign <= 0) {
                notes.add("take-profit " + newTarget.toPlainString() + " refused: not beyond entry " + entry.toPlainString()
                        + " and price " + last.toPlainString());
            } else {
                target = newTarget.setScale(priceScale, sign > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING);
            }
        }
        return stop.equals(stopLoss) && target.equals(takeProfit) ? this : adjusted(stop, target);
    }

    /** These levels with a new stop and/or take-profit ({@code null} keeps one); the liquidation price stays. */
    public ProtectiveLevels adjusted(BigDecimal newStop, BigDecimal newTarget) {
        return new ProtectiveLevels(newStop == null ? stopLoss : newStop, newTarget == null ? takeProfit : newTarget, liquidationPrice);
    }
}
