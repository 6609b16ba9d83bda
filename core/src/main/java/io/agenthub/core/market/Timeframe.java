package io.agenthub.core.market;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length of a bar, aligned to the epoch: a {@code 1m} bar covers {@code [hh:mm:00, hh:mm+1:00)}.
 * Written as {@code <n><unit>} with unit {@code s}, {@code m}, {@code h} or {@code d}, as in topic names
 * ({@code market.bars.1m}).
 */
public record Timeframe(Duration length) implements Comparable<Timeframe> {

    private static final Pattern LABEL = Pattern.compile("([1-9][0-9]{0,4})([smhd])");
    private static final Duration MAX = Duration.ofDays(7);

    public static final Timeframe ONE_SECOND = new Timeframe(Duration.ofSeconds(1));
    public static final Timeframe ONE_MINUTE = new Timeframe(Duration.ofMinutes(1));

    public Timeframe {
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero() || length.toMillis() % 1000 != 0 || length.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("a timeframe is a whole number of seconds between 1s and 7d, got " + length);
        }
    }

    public static Timeframe ofSeconds(long seconds) {
        return new Timeframe(Duration.ofSeconds(seconds));
    }

    public static Timeframe parse(String label) {
        Matcher m = LABEL.matcher(label == null ? "" : label.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + label + "' is not a timeframe; expected <n><s|m|h|d> such as 1s, 1m, 5m, 1h");
        }
        long n = Long.parseLong(m.group(1));
        Duration length = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return new Timeframe(length);
    }

    public long millis() {
        return length.toMillis();
    }

    /** Start of the bar that contains {@code time}. */
    public Instant openTimeOf(Instant time) {
        long ms = time.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms, millis()) * millis());
    }

    /** The shortest label: {@code 60s} is {@code 1m}, {@code 90s} stays {@code 90s}. */
    public String label() {
        long s = length.toSeconds();
        if (s % 86_400 == 0) return s / 86_400 + "d";
        if (s % 3_600 == 0) return s / 3_600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }

    @Override
    public int compareTo(Timeframe other) {
        return length.compareTo(other.length);
    }

    @Override
    public String toString() {
        return label();
    }
}
