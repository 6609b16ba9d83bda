package io.agenthub.core.trading;

import java.math.BigDecimal;

/**
 * What an agent holds: its position with the protective levels around it, and its cash; exact, with primitive copies of
 * what every tick compares against, so that a quiet tick allocates nothing.
 */
final class Book {

    Position position = Position.flat();
    ProtectiveLevels levels;
    String positionId;
    BigDecimal cash;
    double cashValue;
    /** Equity the session's loss limit counts from. */
    double sessionStart;

    private double stop = Double.NaN;
    private double target = Double.NaN;
    private double liquidation = Double.NaN;
    private double averagePrice;
    private double quantity;
    private int sideSign;

    Book(BigDecimal cash) {
        this.cash = cash;
        this.cashValue = cash.doubleValue();
        this.sessionStart = cashValue;
    }

    boolean isFlat() {
        return sideSign == 0;
    }

    /** An execution: the position and the cash change by it (realised P&L, fee). */
    Position.Change apply(Fill fill) {
        Position.Change change = position.apply(fill);
        position = change.after();
        cash = cash.add(change.realized()).subtract(fill.fee());
        cashValue = cash.doubleValue();
        return change;
    }

    /** A position opened (or flipped) under {@code id}, guarded by {@code placed}. */
    void opened(String id, ProtectiveLevels placed) {
        positionId = id;
        levels = placed;
        mirror();
    }

    /** New protective levels, or the same ones around a changed position. */
    void guard(ProtectiveLevels next) {
        levels = next;
        mirror();
    }

    void closed() {
        position = Position.flat();
        levels = null;
        positionId = null;
        mirror();
    }

    /** The protective exit a price triggers (liquidation first, then the stop-loss, then the take-profit), or null. */
    OrderPurpose triggered(double price) {
        if (sideSign > 0 ? price <= liquidation : price >= liquidation) {
            return OrderPurpose.LIQUIDATION;
        }
        if (sideSign > 0 ? price <= stop : price >= stop) {
            return OrderPurpose.STOP_LOSS;
        }
        if (sideSign > 0 ? price >= target : price <= target) {
            return OrderPurpose.TAKE_PROFIT;
        }
        return null;
    }

    /**
     * Whether no price within [{@code low}, {@code high}] reaches a protective level or the loss limit. The levels are
     * crossed by price, and the equity is monotone in it, so the range's two ends tell (with the same arithmetic as a
     * tick at either).
     */
    boolean quietWithin(double low, double high, double lossLimitFraction) {
        return sideSign == 0 || triggered(low) == null && triggered(high) == null
                && !lossLimitBreached(sideSign > 0 ? low : high, lossLimitFraction);
    }

    /** Whether the equity at {@code price} has lost {@code fraction} of the session's start; never when the fraction is NaN. */
    boolean lossLimitBreached(double price, double fraction) {
        if (Double.isNaN(fraction)) {
            return false;
        }
        return (sessionStart - equity(price)) / sessionStart >= fraction;
    }

    /** Cash plus unrealised P&L at {@code price} (NaN: cash), as a double. */
    double equity(double price) {
        return sideSign == 0 || Double.isNaN(price) ? cashValue : cashValue + sideSign * (price - averagePrice) * quantity;
    }

    PositionUpdate update(PositionUpdate.Kind kind, BigDecimal mark, BigDecimal exitPrice, String closeReason, long time,
                          ClientOrderId causedBy) {
        return new PositionUpdate(positionId, kind, position, mark, position.realizedPnl(), position.unrealizedPnl(mark),
                position.fees(), levels, exitPrice, closeReason, time, causedBy);
    }

    /** Makes the primitive copies agree with the exact position and levels (after a change, or a restore). */
    void mirror() {
        cashValue = cash.doubleValue();
        sideSign = position.side().sign();
        if (sideSign == 0) {
            stop = target = liquidation = Double.NaN;
            averagePrice = quantity = 0;
            return;
        }
        averagePrice = position.averagePrice().doubleValue();
        quantity = position.quantity().doubleValue();
        stop = levels.stopLoss().doubleValue();
        target = levels.takeProfit().doubleValue();
        liquidation = levels.liquidationPrice() == null ? (sideSign > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                : levels.liquidationPrice().doubleValue();
    }
}
