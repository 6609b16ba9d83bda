package io.agenthub.ingest.feed.hashkey.http;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.ingest.feed.hashkey.parse.VenueCandle;
import io.agenthub.testkit.hashkey.HashKeyMarketPeer;
import io.agenthub.testkit.hashkey.ScriptedTrade;
import io.agenthub.testkit.hashkey.TradeHistories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;

import static io.agenthub.ingest.feed.hashkey.HashKeyFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashKeyRestClientTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00.250Z");

    private final List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 9, START, 400);
    private HashKeyMarketPeer peer;
    private HttpClient http;
    private HashKeyRestClient client;

    @BeforeEach
    void startPeer() throws Exception {
        peer = HashKeyMarketPeer.builder().trades(history).start();
        http = HttpClient.newHttpClient();
        client = new HashKeyRestClient(http, peer.restBaseUrl(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stopPeer() throws Exception {
        http.shutdownNow();
        peer.close();
    }

    @Test
    void shouldReadTheVenuesKlinesWhenAskedForARangeOfMinutes() {
        // Given the venue's klines
        List<Bar> klines = peer.klines("BTCUSDT");
        long first = klines.get(1).openTime().toEpochMilli();
        long last = klines.get(4).openTime().toEpochMilli();

        // When minutes 1 to 4 are asked for
        List<VenueCandle> candles = client.oneMinuteKlines("BTCUSDT", first, last + 59_999, 1000).join();

        // Then exactly those come back, exact
        assertThat(candles).map(c -> normalized(c.toBar(Symbol.parse("BTCUSDT"), Timeframe.ONE_MINUTE)))
                .containsExactlyElementsOf(klines.subList(1, 5).stream().map(b -> normalized(b)).toList());
    }

    @Test
    void shouldReadTheVenuesClockWhenAsked() {
        long before = System.currentTimeMillis();

        long serverTime = client.serverTime().join();

        assertThat(serverTime).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
    }

    @Test
    void shouldCarryTheVenuesCodeWhenTheVenueRejectsTheRequest() {
        assertThatThrownBy(() -> client.oneMinuteKlines("XYZUSDT", 0, 60_000, 10).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(HashKeyRestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.venueCode()).isEqualTo("-100011");
                    assertThat(e.getMessage()).contains("GET /quote/v1/klines", "HTTP 400", "Invalid symbol");
                });
    }

    @Test
    void shouldReportTheStatusWhenTheVenueFails() {
        peer.failNextRequests("/quote/v1/klines", 1, 503);

        assertThatThrownBy(() -> client.oneMinuteKlines("BTCUSDT", 0, 60_000, 10).join())
                .cause().isInstanceOfSatisfying(HashKeyRestException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(client.oneMinuteKlines("BTCUSDT", 0, 60_000, 10).join()).isEmpty();
    }

    @Test
    void shouldSayHashKeyIsReachableOnlyWhenItsPingAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThat(HashKeyReachability.probe(peer.restBaseUrl(), Duration.ofSeconds(1))).isTrue();
        assertThat(HashKeyReachability.probe(URI.create("http://127.0.0.1:" + closedPort), Duration.ofMillis(500))).isFalse();
        assertThat(peer.restRequests()).contains("GET /api/v1/ping");
    }
}
