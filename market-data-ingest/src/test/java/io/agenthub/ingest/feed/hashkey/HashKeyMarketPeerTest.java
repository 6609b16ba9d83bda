package io.agenthub.ingest.feed.hashkey;

import io.agenthub.testkit.hashkey.HashKeyMarketPeer;
import io.agenthub.testkit.hashkey.ScriptedTrade;
import io.agenthub.testkit.hashkey.TradeHistories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The protocol peer itself speaks HashKey's protocol strictly enough to catch a client that does not. */
class HashKeyMarketPeerTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00.250Z");

    private final List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 4, START, 50);
    private HashKeyMarketPeer peer;
    private HttpClient http;

    @BeforeEach
    void startPeer() throws Exception {
        peer = HashKeyMarketPeer.builder().trades(history).pushDelay(Duration.ofMillis(5)).start();
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stopPeer() throws Exception {
        http.shutdownNow();
        peer.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "symbol=XYZUSDT&interval=1m                     | -100011",
            "interval=1m                                    | 0001",
            "symbol=BTCUSDT&interval=7m                     | 0001",
            "symbol=BTCUSDT&interval=1m&limit=1001          | 0001",
            "symbol=BTCUSDT&interval=1m&startTime=yesterday | 0001",
            "symbol=BTCUSDT&interval=1m&startTime=2&endTime=1 | 0001"})
    void shouldRejectAKlineRequestWhenAParameterIsInvalid(String query, String code) throws Exception {
        HttpResponse<String> response = get("/quote/v1/klines?" + query.strip());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"code\":\"" + code.strip() + "\",\"msg\":\"");
    }

    @Test
    void shouldAnswerPingAndTimeWhenAsked() throws Exception {
        assertThat(get("/api/v1/ping").body()).isEqualTo("{}");
        assertThat(get("/api/v1/time").body()).matches("\\{\"serverTime\":\\d{13}}");
    }

    @Test
    void shouldAnswerPongsAndRejectBrokenSubscriptionsOnTheWebSocket() throws Exception {
        // Given a raw WebSocket client
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(peer.wsUrl(), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                received.add(data.toString());
                webSocket.request(1);
                return null;
            }
        }).join();

        // When it pings and sends subscriptions that break the protocol
        socket.sendText("{\"ping\":1709287210000}", true).join();
        String pong = received.poll(2, TimeUnit.SECONDS);
        socket.sendText("{\"symbol\":\"XYZUSDT\",\"topic\":\"trade\",\"event\":\"sub\",\"params\":{\"binary\":false}}", true).join();
        String unknownSymbol = received.poll(2, TimeUnit.SECONDS);
        socket.sendText("{\"symbol\":\"BTCUSDT\",\"topic\":\"trade\",\"event\":\"sub\"}", true).join();
        String noParams = received.poll(2, TimeUnit.SECONDS);
        socket.sendText("{\"symbol\":\"BTCUSDT\",\"topic\":\"kline_7m\",\"event\":\"sub\",\"params\":{\"binary\":false}}", true).join();
        String badTopic = received.poll(2, TimeUnit.SECONDS);
        socket.sendText("{\"symbol\":\"BTCUSDT\",\"topic\":\"trade\",\"event\":\"sub\",\"params\":{\"binary\":false}}", true).join();
        String echo = received.poll(2, TimeUnit.SECONDS);
        String firstPush = received.poll(2, TimeUnit.SECONDS);
        socket.abort();

        // Then pings are answered, broken subscriptions rejected with a code, and a good one echoed and served
        assertThat(pong).isEqualTo("{\"pong\":1709287210000}");
        assertThat(unknownSymbol).startsWith("{\"code\":\"-100011\"");
        assertThat(noParams).startsWith("{\"code\":\"0001\"").contains("binary");
        assertThat(badTopic).startsWith("{\"code\":\"0001\"").contains("topic");
        assertThat(echo).contains("\"topic\":\"trade\"", "\"event\":\"sub\"").doesNotContain("\"data\"");
        assertThat(firstPush).contains("\"topic\":\"trade\"", "\"v\":\"" + history.getFirst().id() + "\"");
        assertThat(peer.receivedFrames()).hasSize(5);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(peer.restBaseUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
