package io.agenthub.ingest.feed.hashkey.repair;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BarAccumulator;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the ticks that make a minute's bar equal the venue's one-minute kline, given what the feed already published
 * for that minute. Pure: the same inputs always give the same ticks with the same ids, so a repeated repair is dropped
 * downstream as duplicates.
 *
 * <p>Bars are built from ticks with {@link BarAccumulator} semantics (open = earliest event time, close = latest, the
 * last to arrive winning a tie; high, low and volume order-free), so:
 * <ul>
 *   <li>nothing published: the candle's four-tick path ({@link CandleTickPath}, volume split exactly);</li>
 *   <li>some trades published: zero-size ticks for a missed open (at the minute start), a missed high and a missed
 *       low, then a tick at the kline's close carrying the missing volume; all but the open sit after the last
 *       published trade, inside the minute;</li>
 *   <li>the venue reports no trade (no kline, or a zero-volume one): nothing; a minute without trades has no bar.</li>
 * </ul>
 * When the kline contradicts what was published (a published high above the venue's, a low below it, more volume
 * than the venue saw, or an open that cannot be restored because a published trade sits at the minute's first
 * millisecond) the plan lists the contradiction and still publishes the adjustments that help.
 */
public final class RepairPlanner {

    private static final Timeframe MINUTE = Timeframe.ONE_MINUTE;

    private RepairPlanner() {
    }

    /**
     * @param minuteStart the minute being repaired, aligned to the minute
     * @param published   the bar of the trades already published in that minute, if any
     * @param kline       the venue's kline of that minute, if it reported one
     */
    public static RepairPlan plan(Instrument instrument, Instant minuteStart, Optional<BarAccumulator> published, Optional<Bar> kline) {
        if (!MINUTE.openTimeOf(minuteStart).equals(minuteStart)) {
            throw new IllegalArgumentException("minute start " + minuteStart + " is not aligned to a minute");
        }
        published.ifPresent(bar -> requireMinute(instrument, minuteStart, bar.symbol().toString(), bar.timeframe(), bar.openTime(), "published bar"));
        kline.ifPresent(bar -> requireMinute(instrument, minuteStart, bar.symbol().toString(), bar.timeframe(), bar.openTime(), "kline"));

        Optional<Bar> traded = kline.filter(bar -> bar.volume().signum() > 0);
        if (traded.isEmpty()) {
            return published.map(bar -> new RepairPlan(List.of(), List.of(
                            "the venue reports no trade in minute " + minuteStart + " but " + bar.tickCount()
                                    + " trades with volume " + bar.volume().toPlainString() + " were published")))
                    .orElse(RepairPlan.NOTHING);
        }
        return published.map(bar -> adjust(minuteStart, bar, traded.get()))
                .orElseGet(() -> new RepairPlan(candlePath(instrument, traded.get()), List.of()));
    }

    private static List<MarketTick> candlePath(Instrument instrument, Bar kline) {
        List<MarketTick> path = CandleTickPath.of(kline, instrument.sizeScale());
        List<MarketTick> renamed = new ArrayList<>(path.size());
        for (int i = 0; i < path.size(); i++) {
            MarketTick tick = path.get(i);
            renamed.add(MarketTick.candlePoint(tick.symbol(), tick.time(), tick.price(), tick.size(), id(kline.openTime(), String.valueOf(i)),
                    tick.kind()));
        }
        return renamed;
    }

    private static RepairPlan adjust(Instant minuteStart, BarAccumulator published, Bar kline) {
        List<String> contradictions = new ArrayList<>();
        List<MarketTick> ticks = new ArrayList<>();
        if (published.high().compareTo(kline.high()) > 0) {
            contradictions.add("published high " + published.high().toPlainString() + " is above the venue's high "
                    + kline.high().toPlainString() + " in minute " + minuteStart);
        }
        if (published.low().compareTo(kline.low()) < 0) {
            contradictions.add("published low " + published.low().toPlainString() + " is below the venue's low "
                    + kline.low().toPlainString() + " in minute " + minuteStart);
        }
        BigDecimal missing = kline.volume().subtract(published.volume());
        if (missing.signum() < 0) {
            contradictions.add("published volume " + published.volume().toPlainString() + " exceeds the venue's volume "
                    + kline.volume().toPlainString() + " in minute " + minuteStart);
        }
        if (published.open().compareTo(kline.open()) != 0) {
            if (published.openTickTime().isAfter(minuteStart)) {
                ticks.add(MarketTick.trade(kline.symbol(), minuteStart, kline.open(), BigDecimal.ZERO, id(minuteStart, "o")));
            } else {
                contradictions.add("the venue's open " + kline.open().toPlainString() + " differs from the published open "
                        + published.open().toPlainString() + ", which is at the first millisecond of minute " + minuteStart
                        + ", so no earlier tick can restore it");
            }
        }
        AfterLastTrade after = new AfterLastTrade(published.closeTickTime(), kline.closeTime());
        boolean extremeAdded = false;
        if (kline.high().compareTo(published.high()) > 0) {
            ticks.add(MarketTick.trade(kline.symbol(), after.next(), kline.high(), BigDecimal.ZERO, id(minuteStart, "h")));
            extremeAdded = true;
        }
        if (kline.low().compareTo(published.low()) < 0) {
            ticks.add(MarketTick.trade(kline.symbol(), after.next(), kline.low(), BigDecimal.ZERO, id(minuteStart, "l")));
            extremeAdded = true;
        }
        if (extremeAdded || missing.signum() > 0 || published.close().compareTo(kline.close()) != 0) {
            ticks.add(MarketTick.trade(kline.symbol(), after.next(), kline.close(), missing.max(BigDecimal.ZERO), id(minuteStart, "c")));
        }
        return new RepairPlan(ticks, contradictions);
    }

    private static void requireMinute(Instrument instrument, Instant minuteStart, String symbol, Timeframe timeframe,
                                      Instant openTime, String what) {
        if (!symbol.equals(instrument.symbol().toString()) || !timeframe.equals(MINUTE) || !openTime.equals(minuteStart)) {
            throw new IllegalArgumentException(what + " is the " + timeframe + " bar of " + symbol + " at " + openTime
                    + "; expected the 1m bar of " + instrument.symbol() + " at " + minuteStart);
        }
    }

    private static String id(Instant minuteStart, String suffix) {
        return "bf-" + minuteStart.toEpochMilli() + "-" + suffix;
    }

    /** Successive instants after the last published trade, one millisecond apart, never past the minute's end. */
    private static final class AfterLastTrade {
        private final Instant lastInMinute;
        private Instant current;

        AfterLastTrade(Instant lastTrade, Instant minuteEnd) {
            this.lastInMinute = minuteEnd.minusMillis(1);
            this.current = lastTrade;
        }

        Instant next() {
            Instant candidate = current.plusMillis(1);
            current = candidate.isAfter(lastInMinute) ? lastInMinute : candidate;
            return current;
        }
    }
}
