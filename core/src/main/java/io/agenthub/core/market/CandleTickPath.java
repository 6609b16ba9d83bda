package io.agenthub.core.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns a candle into the deterministic four-tick price path that the CSV replay feed, the backtest engine and the
 * paper venue all share (see {@code strategies.md}, "Execution conventions").
 *
 * <p>The ticks sit at the candle's open time plus 0, ¼, ½ and ¾ of its timeframe (0, 15, 30 and 45 s for a
 * one-minute candle): the open, then the extreme nearer to the open, then the other extreme, then the close. A tie
 * goes high first. The open is a {@link TickKind#CANDLE_OPEN} tick, the others {@link TickKind#CANDLE_PATH}: the price is
 * taken to move in a straight line between them, so an order whose price lies on the way fills at its price. The volume is split in four equal parts rounded down to the instrument's size scale, the exact
 * remainder going to the last tick, so a bar built from the ticks reproduces the candle exactly.
 */
public final class CandleTickPath {

    private static final BigDecimal FOUR = BigDecimal.valueOf(4);
    private static final BigDecimal THREE = BigDecimal.valueOf(3);

    private CandleTickPath() {
    }

    public static List<MarketTick> of(Bar candle, int sizeScale) {
        boolean highFirst = highComesFirst(candle);
        BigDecimal first = highFirst ? candle.high() : candle.low();
        BigDecimal second = highFirst ? candle.low() : candle.high();

        int scale = Math.max(sizeScale, candle.volume().scale());
        BigDecimal part = candle.volume().divide(FOUR, scale, RoundingMode.DOWN);
        BigDecimal last = candle.volume().subtract(part.multiply(THREE));

        Duration step = candle.timeframe().length().dividedBy(4);
        Instant t0 = candle.openTime();
        String idPrefix = "c" + t0.toEpochMilli() + "-";
        Symbol s = candle.symbol();
        return List.of(
                MarketTick.candlePoint(s, t0, candle.open(), part, idPrefix + 0, TickKind.CANDLE_OPEN),
                MarketTick.candlePoint(s, t0.plus(step), first, part, idPrefix + 1, TickKind.CANDLE_PATH),
                MarketTick.candlePoint(s, t0.plus(step.multipliedBy(2)), second, part, idPrefix + 2, TickKind.CANDLE_PATH),
                MarketTick.candlePoint(s, t0.plus(step.multipliedBy(3)), candle.close(), last, idPrefix + 3, TickKind.CANDLE_PATH));
    }

    /** The extreme nearer to the open is visited first; on a tie the high is. */
    static boolean highComesFirst(Bar candle) {
        BigDecimal toHigh = candle.high().subtract(candle.open());
        BigDecimal toLow = candle.open().subtract(candle.low());
        return toHigh.compareTo(toLow) <= 0;
    }
}
