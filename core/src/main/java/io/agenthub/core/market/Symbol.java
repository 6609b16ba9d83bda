package io.agenthub.core.market;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A spot or perpetual trading pair in its one canonical form, {@code BASE/QUOTE} (for example {@code BTC/USDT}).
 *
 * <p>Every edge normalises once: user input ({@code btc/usdt}, {@code BTC-USDT}), venue symbols ({@code BTCUSDT})
 * and Kafka keys all become a {@code Symbol}; only venue adapters turn it back into the venue's spelling. Whether a
 * symbol is supported is a separate question answered by {@link Instruments}.
 */
public record Symbol(String base, String quote) implements Comparable<Symbol> {

    /** Quote assets recognised when a symbol is written without a separator, longest first. */
    private static final List<String> KNOWN_QUOTES = List.of("FDUSD", "USDT", "USDC", "TUSD", "USD", "EUR", "HKD", "BTC", "ETH");
    private static final Pattern ASSET = Pattern.compile("[A-Z0-9]{2,12}");

    public Symbol {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        if (!ASSET.matcher(base).matches() || !ASSET.matcher(quote).matches()) {
            throw new IllegalArgumentException("asset codes are 2-12 upper-case letters or digits, got '" + base + "' and '" + quote + "'");
        }
        if (base.equals(quote)) {
            throw new IllegalArgumentException("base and quote must differ, got " + base + "/" + quote);
        }
    }

    /**
     * Parses {@code BTC/USDT}, {@code btc-usdt}, {@code BTC_USDT} or the venue form {@code BTCUSDT}.
     *
     * @throws IllegalArgumentException with a message a user can act on
     */
    public static Symbol parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("symbol is empty; expected BASE/QUOTE such as BTC/USDT");
        }
        String upper = text.strip().toUpperCase(Locale.ROOT);
        String[] parts = upper.split("[/\\-_]", -1);
        if (parts.length == 2) {
            return fromParts(text, parts[0], parts[1]);
        }
        if (parts.length == 1) {
            for (String quote : KNOWN_QUOTES) {
                if (upper.endsWith(quote) && upper.length() > quote.length()) {
                    return fromParts(text, upper.substring(0, upper.length() - quote.length()), quote);
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a symbol; expected BASE/QUOTE such as BTC/USDT");
    }

    private static Symbol fromParts(String text, String base, String quote) {
        try {
            return new Symbol(base, quote);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a symbol (" + e.getMessage() + "); expected BASE/QUOTE such as BTC/USDT", e);
        }
    }

    /** The venue spelling used by HashKey and most exchanges: {@code BTCUSDT}. */
    public String venueSymbol() {
        return base + quote;
    }

    @Override
    public int compareTo(Symbol other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return base + "/" + quote;
    }
}
