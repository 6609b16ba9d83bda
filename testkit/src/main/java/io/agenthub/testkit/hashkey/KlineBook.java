package io.agenthub.testkit.hashkey;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Klines computed from trades the way a venue does: open = first trade, close = last, high, low, volume, quote volume,
 * trade count and taker-buy volumes, per interval. Intervals are HashKey's: {@code 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h
 * 1d 1w 1M} (weeks start on Monday, months are calendar months, all in UTC).
 */
final class KlineBook {

    static final List<String> INTERVALS = List.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "1w", "1M");

    private static final Pattern INTERVAL = Pattern.compile("(\\d+)([mhdwM])");
    private static final long MONDAY_OFFSET_MS = 4L * 86_400_000; // 1970-01-01 was a Thursday

    private KlineBook() {
    }

    /** Klines of the trades (already in time order) that have at least one trade, oldest first. */
    static List<PeerKline> klines(List<ScriptedTrade> trades, String interval) {
        List<PeerKline> klines = new ArrayList<>();
        PeerKline current = null;
        for (ScriptedTrade trade : trades) {
            long open = openTimeOf(trade.time(), interval);
            if (current == null || current.openTime() != open) {
                if (current != null) {
                    klines.add(current);
                }
                current = PeerKline.start(open, endOf(open, interval), trade);
            } else {
                current = current.add(trade);
            }
        }
        if (current != null) {
            klines.add(current);
        }
        return klines;
    }

    static boolean valid(String interval) {
        return INTERVALS.contains(interval);
    }

    static long openTimeOf(long time, String interval) {
        Matcher m = parse(interval);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> floor(time, n * 60_000, 0);
            case "h" -> floor(time, n * 3_600_000, 0);
            case "d" -> floor(time, n * 86_400_000, 0);
            case "w" -> floor(time, n * 7 * 86_400_000, MONDAY_OFFSET_MS);
            default -> ZonedDateTime.ofInstant(Instant.ofEpochMilli(time), ZoneOffset.UTC)
                    .withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        };
    }

    private static long endOf(long openTime, String interval) {
        if (interval.endsWith("M")) {
            return ZonedDateTime.ofInstant(Instant.ofEpochMilli(openTime), ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
        }
        Matcher m = parse(interval);
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> 7 * 86_400_000L;
        };
        return openTime + n * unit;
    }

    private static long floor(long time, long length, long offset) {
        return Math.floorDiv(time - offset, length) * length + offset;
    }

    private static Matcher parse(String interval) {
        Matcher m = INTERVAL.matcher(interval);
        if (!valid(interval) || !m.matches()) {
            throw new IllegalArgumentException("'" + interval + "' is not a HashKey kline interval; expected one of " + INTERVALS);
        }
        return m;
    }
}
