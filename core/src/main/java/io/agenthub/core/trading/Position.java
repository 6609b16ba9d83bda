package io.agenthub.core.trading;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An agent's position in one instrument, in exact decimals: side, quantity, average entry price, realised P&L (gross)
 * and fees paid since it opened. Immutable; {@link #apply} returns the position after a fill.
 *
 * <p>The average price is kept to 12 decimals; realised P&L of a reduction is {@code (exit - average) × quantity ×
 * side} to 8 decimals.
 */
public record Position(PositionSide side, BigDecimal quantity, BigDecimal averagePrice, BigDecimal realizedPnl,
                       BigDecimal fees, long openedAt) {

    private static final int AVERAGE_SCALE = 12;
    private static final int MONEY_SCALE = 8;

    public Position {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        Objects.requireNonNull(fees, "fees");
        if ((side == PositionSide.FLAT) != (quantity.signum() == 0)) {
            throw new IllegalArgumentException("a " + side + " position cannot hold " + quantity.toPlainString());
        }
    }

    public static Position flat() {
        return new Position(PositionSide.FLAT, BigDecimal.ZERO, null, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    public boolean isFlat() {
        return side == PositionSide.FLAT;
    }

    /** What a fill did to the position. */
    public record Change(Position before, Position after, BigDecimal realized, Kind kind) {
        public enum Kind { OPENED, INCREASED, REDUCED, CLOSED, FLIPPED }
    }

    public Change apply(Fill fill) {
        BigDecimal q = fill.quantity();
        if (isFlat()) {
            Position opened = new Position(fill.side() == Side.BUY ? PositionSide.LONG : PositionSide.SHORT, q,
                    fill.price().setScale(AVERAGE_SCALE, RoundingMode.UNNECESSARY), BigDecimal.ZERO, fill.fee(), fill.time());
            return new Change(this, opened, BigDecimal.ZERO, Change.Kind.OPENED);
        }
        if (fill.side() == side.entrySide()) {
            BigDecimal total = quantity.add(q);
            BigDecimal average = averagePrice.multiply(quantity).add(fill.price().multiply(q))
                    .divide(total, AVERAGE_SCALE, RoundingMode.HALF_EVEN);
            return new Change(this, new Position(side, total, average, realizedPnl, fees.add(fill.fee()), openedAt),
                    BigDecimal.ZERO, Change.Kind.INCREASED);
        }
        BigDecimal closing = q.min(quantity);
        BigDecimal realized = fill.price().subtract(averagePrice).multiply(closing).multiply(BigDecimal.valueOf(side.sign()))
                .setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
        BigDecimal left = quantity.subtract(closing);
        BigDecimal newRealized = realizedPnl.add(realized);
        BigDecimal newFees = fees.add(fill.fee());
        if (left.signum() > 0) {
            return new Change(this, new Position(side, left, averagePrice, newRealized, newFees, openedAt), realized, Change.Kind.REDUCED);
        }
        BigDecimal rest = q.subtract(closing);
        if (rest.signum() == 0) {
            return new Change(this, new Position(PositionSide.FLAT, BigDecimal.ZERO, null, newRealized, newFees, openedAt),
                    realized, Change.Kind.CLOSED);
        }
        Position flipped = new Position(side == PositionSide.LONG ? PositionSide.SHORT : PositionSide.LONG, rest,
                fill.price().setScale(AVERAGE_SCALE, RoundingMode.UNNECESSARY), BigDecimal.ZERO, BigDecimal.ZERO, fill.time());
        return new Change(this, flipped, realized, Change.Kind.FLIPPED);
    }

    /** Unrealised P&L at {@code mark}, 8 decimals. */
    public BigDecimal unrealizedPnl(BigDecimal mark) {
        if (isFlat()) {
            return BigDecimal.ZERO;
        }
        return mark.subtract(averagePrice).multiply(quantity).multiply(BigDecimal.valueOf(side.sign()))
                .setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Notional at the average price. */
    public BigDecimal notional() {
        return isFlat() ? BigDecimal.ZERO : averagePrice.multiply(quantity, MathContext.DECIMAL64);
    }
}
