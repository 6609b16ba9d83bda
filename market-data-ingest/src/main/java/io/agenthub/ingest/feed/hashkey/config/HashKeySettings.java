package io.agenthub.ingest.feed.hashkey.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the HashKey Global public-market-data feed can be told, validated once.
 *
 * @param restBaseUrl         REST host, e.g. {@code https://api-glb.hashkey.com} (klines, server time, ping)
 * @param wsUrl               public WebSocket, e.g. {@code wss://stream-glb.hashkey.com/quote/ws/v1}
 * @param symbols             symbols to subscribe, in the venue's spelling ({@code BTCUSDT}) or ours ({@code BTC/USDT})
 * @param pingInterval        how often {@code {"ping":<ms>}} is sent (venue asks for 10 s)
 * @param silenceTimeout      a connection that delivers nothing (not even a pong) for this long is dropped
 * @param reconnectMinBackoff first reconnect (and REST retry) delay bound; doubled per failure, with full jitter
 * @param reconnectMaxBackoff cap of the reconnect (and REST retry) delay bound
 * @param lateness            watermarks trail the latest published trade by this much (then advance with wall time)
 * @param settleDelay         a minute is repaired from REST klines only this long after it ended on the venue
 * @param watermarkInterval   how often watermarks are published per symbol
 * @param httpTimeout         connect and request timeout of REST calls and of the WebSocket handshake
 * @param maxBufferedTrades   live trades held back per symbol while a repair is pending; beyond it the repair is
 *                            given up
 * @param dedupWindow         trade ids remembered per symbol to drop trades pushed twice (snapshots on subscribe)
 * @param maxRepairAttempts   REST attempts for one repair before it is given up
 */
public record HashKeySettings(URI restBaseUrl, URI wsUrl, List<String> symbols,
                              Duration pingInterval, Duration silenceTimeout,
                              Duration reconnectMinBackoff, Duration reconnectMaxBackoff,
                              Duration lateness, Duration settleDelay, Duration watermarkInterval,
                              Duration httpTimeout, int maxBufferedTrades, int dedupWindow, int maxRepairAttempts) {

    public static final URI PRODUCTION_REST = URI.create("https://api-glb.hashkey.com");
    public static final URI PRODUCTION_WS = URI.create("wss://stream-glb.hashkey.com/quote/ws/v1");
    public static final URI SANDBOX_REST = URI.create("https://api-glb.sim.hashkeydev.com");
    public static final URI SANDBOX_WS = URI.create("wss://stream-glb.sim.hashkeydev.com/quote/ws/v1");

    private static final Set<String> REST_SCHEMES = Set.of("http", "https");
    private static final Set<String> WS_SCHEMES = Set.of("ws", "wss");

    public HashKeySettings {
        requireUri("restBaseUrl", restBaseUrl, REST_SCHEMES);
        requireUri("wsUrl", wsUrl, WS_SCHEMES);
        Objects.requireNonNull(symbols, "symbols");
        if (symbols.isEmpty() || symbols.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException("symbols must list at least one non-blank symbol such as BTCUSDT, got " + symbols);
        }
        symbols = List.copyOf(symbols);
        requirePositive("pingInterval", pingInterval);
        requirePositive("silenceTimeout", silenceTimeout);
        if (silenceTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("silenceTimeout (" + silenceTimeout + ") must be longer than pingInterval ("
                    + pingInterval + "), otherwise a healthy but quiet connection is dropped between two pongs");
        }
        requirePositive("reconnectMinBackoff", reconnectMinBackoff);
        requirePositive("reconnectMaxBackoff", reconnectMaxBackoff);
        if (reconnectMaxBackoff.compareTo(reconnectMinBackoff) < 0) {
            throw new IllegalArgumentException("reconnectMaxBackoff (" + reconnectMaxBackoff
                    + ") must not be shorter than reconnectMinBackoff (" + reconnectMinBackoff + ")");
        }
        requireNotNegative("lateness", lateness);
        requireNotNegative("settleDelay", settleDelay);
        requirePositive("watermarkInterval", watermarkInterval);
        requirePositive("httpTimeout", httpTimeout);
        requirePositive("maxBufferedTrades", maxBufferedTrades);
        requirePositive("dedupWindow", dedupWindow);
        requirePositive("maxRepairAttempts", maxRepairAttempts);
    }

    /** HashKey Global production hosts and the defaults below. */
    public static HashKeySettings production(List<String> symbols) {
        return builder(symbols).build();
    }

    /** HashKey Global sandbox hosts and the defaults below. */
    public static HashKeySettings sandbox(List<String> symbols) {
        return builder(symbols).restBaseUrl(SANDBOX_REST).wsUrl(SANDBOX_WS).build();
    }

    /**
     * Production hosts and the defaults: ping every 10 s, silence timeout 30 s, reconnect backoff 500 ms to 30 s,
     * lateness 2 s, settle delay 1 s, a watermark per second, HTTP timeout 10 s, 100 000 held-back trades, 50 000
     * remembered trade ids, 10 REST attempts per repair.
     */
    public static Builder builder(List<String> symbols) {
        return new Builder(symbols);
    }

    public Builder toBuilder() {
        return new Builder(symbols).restBaseUrl(restBaseUrl).wsUrl(wsUrl)
                .pingInterval(pingInterval).silenceTimeout(silenceTimeout)
                .reconnectBackoff(reconnectMinBackoff, reconnectMaxBackoff)
                .lateness(lateness).settleDelay(settleDelay).watermarkInterval(watermarkInterval)
                .httpTimeout(httpTimeout).maxBufferedTrades(maxBufferedTrades).dedupWindow(dedupWindow)
                .maxRepairAttempts(maxRepairAttempts);
    }

    private static void requireUri(String name, URI uri, Set<String> schemes) {
        Objects.requireNonNull(uri, name);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute " + schemes + " URL with a host, got '" + uri + "'");
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Starts from the production hosts and the defaults; every field can be overridden. */
    public static final class Builder {
        private final List<String> symbols;
        private URI restBaseUrl = PRODUCTION_REST;
        private URI wsUrl = PRODUCTION_WS;
        private Duration pingInterval = Duration.ofSeconds(10);
        private Duration silenceTimeout = Duration.ofSeconds(30);
        private Duration reconnectMinBackoff = Duration.ofMillis(500);
        private Duration reconnectMaxBackoff = Duration.ofSeconds(30);
        private Duration lateness = Duration.ofSeconds(2);
        private Duration settleDelay = Duration.ofSeconds(1);
        private Duration watermarkInterval = Duration.ofSeconds(1);
        private Duration httpTimeout = Duration.ofSeconds(10);
        private int maxBufferedTrades = 100_000;
        private int dedupWindow = 50_000;
        private int maxRepairAttempts = 10;

        private Builder(List<String> symbols) {
            this.symbols = symbols;
        }

        public Builder restBaseUrl(URI value) {
            this.restBaseUrl = value;
            return this;
        }

        public Builder wsUrl(URI value) {
            this.wsUrl = value;
            return this;
        }

        public Builder pingInterval(Duration value) {
            this.pingInterval = value;
            return this;
        }

        public Builder silenceTimeout(Duration value) {
            this.silenceTimeout = value;
            return this;
        }

        public Builder reconnectBackoff(Duration min, Duration max) {
            this.reconnectMinBackoff = min;
            this.reconnectMaxBackoff = max;
            return this;
        }

        public Builder lateness(Duration value) {
            this.lateness = value;
            return this;
        }

        public Builder settleDelay(Duration value) {
            this.settleDelay = value;
            return this;
        }

        public Builder watermarkInterval(Duration value) {
            this.watermarkInterval = value;
            return this;
        }

        public Builder httpTimeout(Duration value) {
            this.httpTimeout = value;
            return this;
        }

        public Builder maxBufferedTrades(int value) {
            this.maxBufferedTrades = value;
            return this;
        }

        public Builder dedupWindow(int value) {
            this.dedupWindow = value;
            return this;
        }

        public Builder maxRepairAttempts(int value) {
            this.maxRepairAttempts = value;
            return this;
        }

        public HashKeySettings build() {
            return new HashKeySettings(restBaseUrl, wsUrl, symbols, pingInterval, silenceTimeout,
                    reconnectMinBackoff, reconnectMaxBackoff, lateness, settleDelay, watermarkInterval,
                    httpTimeout, maxBufferedTrades, dedupWindow, maxRepairAttempts);
        }
    }
}
