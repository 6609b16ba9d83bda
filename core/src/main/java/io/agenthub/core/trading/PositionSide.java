package io.agenthub.core.trading;

/** Direction of a position. */
public enum PositionSide {
    LONG, SHORT, FLAT;

    public Side entrySide() {
        return switch (this) {
            case LONG -> Side.BUY;
            case SHORT -> Side.SELL;
            case FLAT -> throw new IllegalStateException("a flat position has no entry side");
        };
    }

    public Side exitSide() {
        return entrySide().opposite();
    }

    /** +1 long, -1 short, 0 flat. */
    public int sign() {
        return this == LONG ? 1 : this == SHORT ? -1 : 0;
    }
}
