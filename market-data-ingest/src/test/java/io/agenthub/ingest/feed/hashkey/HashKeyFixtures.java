package io.agenthub.ingest.feed.hashkey;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BarAccumulator;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.ingest.feed.hashkey.config.HashKeySettings;
import io.agenthub.testkit.hashkey.HashKeyMarketPeer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the HashKey tests share: sample payloads, fast settings against a peer, and bars compared by value. */
public final class HashKeyFixtures {

    private HashKeyFixtures() {
    }

    /** A payload under {@code src/test/resources/hashkey/}. */
    public static String resource(String name) {
        try (InputStream in = HashKeyFixtures.class.getResourceAsStream("/hashkey/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource hashkey/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Settings pointing at the peer, with timings short enough for tests. The lateness is 5 s rather than 2 s: the peer
     * replays history far faster than real time, so a scheduler stall on a busy machine would otherwise advance the
     * watermark past trades still to come.
     */
    public static HashKeySettings.Builder fastSettings(HashKeyMarketPeer peer, String... symbols) {
        return HashKeySettings.builder(List.of(symbols))
                .restBaseUrl(peer.restBaseUrl())
                .wsUrl(peer.wsUrl())
                .pingInterval(Duration.ofMillis(200))
                .silenceTimeout(Duration.ofSeconds(3))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .watermarkInterval(Duration.ofMillis(50))
                .lateness(Duration.ofSeconds(5))
                .httpTimeout(Duration.ofSeconds(2));
    }

    /** One-minute bars built from ticks the way the bar topology builds them ({@link BarAccumulator}), by open time. */
    public static Map<Instant, Bar> oneMinuteBars(List<MarketTick> ticks) {
        Map<Instant, BarAccumulator> open = new TreeMap<>();
        for (MarketTick tick : ticks) {
            open.merge(Timeframe.ONE_MINUTE.openTimeOf(tick.time()), BarAccumulator.start(Timeframe.ONE_MINUTE, tick),
                    (bar, ignored) -> bar.add(tick));
        }
        Map<Instant, Bar> bars = new TreeMap<>();
        open.forEach((time, bar) -> bars.put(time, normalized(bar.toBar())));
        return bars;
    }

    /** The bar with every decimal stripped of trailing zeros, so that bars compare by value ({@code 1.50} = {@code 1.5}). */
    public static Bar normalized(Bar bar) {
        return new Bar(bar.symbol(), bar.timeframe(), bar.openTime(), strip(bar.open()), strip(bar.high()), strip(bar.low()),
                strip(bar.close()), strip(bar.volume()));
    }

    private static BigDecimal strip(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
