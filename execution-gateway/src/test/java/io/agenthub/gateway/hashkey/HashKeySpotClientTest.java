package io.agenthub.gateway.hashkey;

import io.agenthub.testkit.hashkey.HashKeyTradingPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spot client against a local peer that checks keys, signatures and timestamps as HashKey Global does. */
class HashKeySpotClientTest {

    private static final String KEY = "test-api-key";
    private static final String SECRET = "lH3ELTNiFxCQTmi9pPcWWikhsjO04Yoqw3euoHUuOLC3GYBW64ZqzQsiOEHXQS76";
    private final HashKeyTradingPeer peer;

    HashKeySpotClientTest() throws Exception {
        peer = new HashKeyTradingPeer(KEY, SECRET);
    }

    @AfterEach
    void close() throws Exception {
        peer.close();
    }

    private HashKeySpotClient client(String key, String secret) {
        return new HashKeySpotClient(peer.restBaseUrl(), key, new HashKeySigner(secret), Clock.systemUTC(), Duration.ofSeconds(5), 5000);
    }

    @Test
    void shouldPlaceASignedMarketOrderThatTheVenueAccepts() {
        HashKeySpotClient client = client(KEY, SECRET);
        client.syncClock();

        HashKeySpotClient.SpotOrder order = client.placeMarket("BTCUSDT", true, new BigDecimal("0.04321"), "a1-1-0");

        assertThat(order.status()).isEqualTo("FILLED");
        assertThat(order.clientOrderId()).isEqualTo("a1-1-0");
        assertThat(order.executed()).isEqualByComparingTo("0.04321");
        assertThat(order.averagePrice()).isEqualByComparingTo("23140.48");
        assertThat(peer.requests()).anySatisfy(r -> assertThat(r).startsWith("POST /api/v1.1/spot/order symbol=BTCUSDT&side=BUY&type=MARKET")
                .contains("&newClientOrderId=a1-1-0&recvWindow=5000&timestamp=").contains("&signature="));
    }

    @Test
    void shouldSayTheOrderExistsWhenItsClientOrderIdWasTaken() {
        HashKeySpotClient client = client(KEY, SECRET);
        client.placeMarket("BTCUSDT", true, new BigDecimal("0.01"), "a1-2-0");

        assertThatThrownBy(() -> client.placeMarket("BTCUSDT", true, new BigDecimal("0.01"), "a1-2-0"))
                .isInstanceOfSatisfying(HashKeyException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(HashKeyException.Outcome.DUPLICATE);
                    assertThat(e.code()).isEqualTo("-1141");
                });
        assertThat(client.query("a1-2-0")).get().extracting(HashKeySpotClient.SpotOrder::status).isEqualTo("FILLED");
        assertThat(peer.orders()).hasSize(1);
    }

    @Test
    void shouldLeaveTheOutcomeUnknownWhenTheReplyIsLostAndFindTheOrderByQuery() {
        HashKeySpotClient client = client(KEY, SECRET);
        peer.failNext("/api/v1.1/spot/order", 503, 1);

        assertThatThrownBy(() -> client.placeMarket("BTCUSDT", false, new BigDecimal("0.01"), "a1-3-0"))
                .isInstanceOfSatisfying(HashKeyException.class, e -> assertThat(e.outcome()).isEqualTo(HashKeyException.Outcome.UNKNOWN));

        assertThat(client.query("a1-3-0")).as("the venue took it before the reply was lost").isPresent();
        assertThat(client.query("a1-4-0")).isEmpty();
    }

    @Test
    void shouldBeRefusedWithTheVenuesCodeWhenTheKeyOrSignatureIsWrong() {
        assertThatThrownBy(() -> client(KEY, SECRET.replace('l', 'L')).placeMarket("BTCUSDT", true, BigDecimal.ONE, "a1-5-0"))
                .isInstanceOfSatisfying(HashKeyException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(HashKeyException.Outcome.REFUSED);
                    assertThat(e.code()).isEqualTo("0002");
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
        assertThatThrownBy(() -> client("someone-else", SECRET).placeMarket("BTCUSDT", true, BigDecimal.ONE, "a1-6-0"))
                .isInstanceOfSatisfying(HashKeyException.class, e -> assertThat(e.code()).isEqualTo("-1002"));
        assertThat(peer.orders()).isEmpty();
    }

    @Test
    void shouldSignWithTheVenuesClockWhenOursIsBehind() {
        peer.clockOffset(10_000);
        HashKeySpotClient client = client(KEY, SECRET);
        assertThatThrownBy(() -> client.placeMarket("BTCUSDT", true, BigDecimal.ONE, "a1-7-0"))
                .isInstanceOfSatisfying(HashKeyException.class, e -> assertThat(e.code()).isEqualTo("-1021"));

        assertThat(client.syncClock()).isBetween(9_000L, 11_000L);
        assertThat(client.placeMarket("BTCUSDT", true, BigDecimal.ONE, "a1-8-0").status()).isEqualTo("FILLED");
    }

    @Test
    void shouldLeaveTheOutcomeUnknownWhenTheVenueCannotBeReached() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        HashKeySpotClient client = new HashKeySpotClient(URI.create("http://127.0.0.1:" + closed), KEY, new HashKeySigner(SECRET),
                Clock.systemUTC(), Duration.ofSeconds(2), 5000);

        assertThatThrownBy(() -> client.placeMarket("BTCUSDT", true, BigDecimal.ONE, "a1-9-0"))
                .isInstanceOfSatisfying(HashKeyException.class, e -> assertThat(e.outcome()).isEqualTo(HashKeyException.Outcome.UNKNOWN));
    }
}
