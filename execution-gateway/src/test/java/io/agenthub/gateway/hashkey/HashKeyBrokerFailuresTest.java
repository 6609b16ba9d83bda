package io.agenthub.gateway.hashkey;

import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Side;
import io.agenthub.testkit.hashkey.exchange.HashKeyExchangePeer.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What a failed call to HashKey means for the order, against the protocol peer's scripted failures. */
class HashKeyBrokerFailuresTest {

    private static final Symbol BTC = Symbol.parse("BTC/USDT");
    private static final String SPOT_ORDER = "/api/v1.1/spot/order";
    private final HashKeyVenueFixture venue;
    private final AtomicInteger ids = new AtomicInteger();

    HashKeyBrokerFailuresTest() throws Exception {
        venue = new HashKeyVenueFixture(Duration.ofMillis(800));
        venue.account.fund("USDT", new BigDecimal("10000"));
        venue.account.fundFutures(new BigDecimal("10000"));
        venue.peer.trade("BTCUSDT", new BigDecimal("20000"), BigDecimal.ONE);
        venue.peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("20000"), BigDecimal.TEN);
    }

    @AfterEach
    void close() throws Exception {
        venue.close();
    }

    private OrderCommand buy(String quantity, int leverage) {
        return OrderCommand.market(new ClientOrderId("f-" + ids.incrementAndGet()), BTC, Side.BUY, new BigDecimal(quantity), false, leverage,
                venue.peer.now(), new BigDecimal("20000"));
    }

    @Test
    void shouldLeaveTheOutcomeUnknownAndFindTheOrderByQueryWhenTheReplyIsLost() {
        venue.peer.failNext("POST", SPOT_ORDER, Failure.afterActing(503), 1);
        OrderCommand order = buy("0.01", 1);

        assertThatThrownBy(() -> venue.session.spot().submit(order))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.outcome()).isEqualTo(BrokerException.Outcome.UNKNOWN));

        assertThat(venue.session.spot().order(BTC, order.clientOrderId())).map(o -> o.status()).contains(OrderStatus.FILLED);
        assertThat(venue.peer.count("POST", SPOT_ORDER, "newClientOrderId", order.clientOrderId().value())).isEqualTo(1);
    }

    @Test
    void shouldLeaveTheOutcomeUnknownWhenNoAnswerComesInTime() {
        venue.peer.failNext("POST", SPOT_ORDER, Failure.delayAfterActing(Duration.ofSeconds(3)), 1);

        assertThatThrownBy(() -> venue.session.spot().submit(buy("0.01", 1)))
                .isInstanceOfSatisfying(BrokerException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(BrokerException.Outcome.UNKNOWN);
                    assertThat(e.getMessage()).contains("no answer within 800 ms");
                });
    }

    @Test
    void shouldLeaveTheOutcomeUnknownWhenTheConnectionIsReset() {
        venue.peer.failNext("POST", SPOT_ORDER, Failure.resetAfterActing(), 1);

        assertThatThrownBy(() -> venue.session.spot().submit(buy("0.01", 1)))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.outcome()).isEqualTo(BrokerException.Outcome.UNKNOWN));
    }

    @Test
    void shouldCallTheOrderADuplicateWhenItsClientOrderIdWasTaken() {
        OrderCommand order = buy("0.01", 1);
        venue.session.spot().submit(order);

        assertThatThrownBy(() -> venue.session.spot().submit(order))
                .isInstanceOfSatisfying(BrokerException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(BrokerException.Outcome.DUPLICATE);
                    assertThat(e.code()).isEqualTo("-1141");
                });
    }

    @Test
    void shouldBackOffEveryCallToTheHostAfterA429() {
        venue.peer.failNext("POST", SPOT_ORDER, Failure.beforeActing(429, "{\"code\":\"0003\",\"msg\":\"Rate limit exceeded\"}",
                Duration.ofSeconds(1)), 1);

        assertThatThrownBy(() -> venue.session.spot().submit(buy("0.01", 1)))
                .isInstanceOfSatisfying(BrokerException.class, e -> {
                    assertThat(e.throttled()).isTrue();
                    assertThat(e.retryAfterMillis()).isEqualTo(1000);
                });
        int sent = venue.peer.requests().size();
        assertThatThrownBy(() -> venue.session.perpetual().account())
                .as("not even sent while backing off").isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.code()).isEqualTo("RATE_LIMITED"));
        assertThat(venue.peer.requests()).hasSize(sent);

        await().atMost(Duration.ofSeconds(3)).ignoreExceptions()
                .untilAsserted(() -> assertThat(venue.session.spot().account().balances()).isNotEmpty());
    }

    @Test
    void shouldStopAllTrafficToTheVenueWhenItBansUs() {
        venue.peer.failNext("GET", "/api/v1/account", Failure.beforeActing(418, "{\"code\":\"-1003\",\"msg\":\"IP banned\"}", null), 1);

        assertThatThrownBy(() -> venue.session.spot().account())
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.banned()).isTrue());

        assertThat(venue.gate.isBanned()).isTrue();
        assertThatThrownBy(() -> venue.session.perpetual().submit(buy("0.01", 1)))
                .isInstanceOfSatisfying(BrokerException.class, e -> {
                    assertThat(e.outcome()).as("not sent").isEqualTo(BrokerException.Outcome.REFUSED);
                    assertThat(e.code()).isEqualTo("VENUE_BANNED");
                });
    }

    @Test
    void shouldRefuseLeverageAboveTheVenuesCapBeforeSendingAnything() {
        venue.peer.maxLeverage("BTCUSDT-PERPETUAL", 20);
        int sent = venue.peer.requests().size();

        assertThatThrownBy(() -> venue.session.perpetual().submit(buy("0.01", 25)))
                .isInstanceOfSatisfying(BrokerException.class, e -> {
                    assertThat(e.code()).isEqualTo(HashKeyPerpetualBroker.LEVERAGE_CAP);
                    assertThat(e.getMessage()).contains("cap of 20x");
                });
        List<String> requests = venue.peer.requests();
        assertThat(requests.subList(sent, requests.size())).as("nothing but the symbol rules was asked").allMatch(r -> r.contains("exchangeInfo"));
    }

    @Test
    void shouldSetTheSymbolsLeverageBeforeTheFirstOrderAtIt() {
        venue.session.perpetual().submit(buy("0.01", 5));

        assertThat(venue.account.leverage("BTCUSDT-PERPETUAL")).isEqualTo(5);
        assertThat(venue.account.positions()).singleElement().satisfies(p -> assertThat(p.leverage()).isEqualTo(5));
    }

    @Test
    void shouldRefuseBeforeSendingWhatTheSymbolsRulesWouldRefuse() {
        assertThatThrownBy(() -> venue.session.spot().submit(buy("0.000001", 1)))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.code()).isEqualTo("LOT_SIZE"));
        assertThatThrownBy(() -> venue.session.spot().submit(OrderCommand.stopMarket(new ClientOrderId("f-stop"), BTC, Side.SELL,
                new BigDecimal("0.01"), new BigDecimal("19000"), true, 1, venue.peer.now())))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_ORDER_TYPE"));
        assertThatThrownBy(() -> venue.session.perpetual().submit(buy("0.0001", 1)))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.getMessage()).contains("less than one contract"));
    }

    @Test
    void shouldSignWithTheVenuesClockWhenOursIsOff() {
        venue.peer.clockOffset(-30_000);
        venue.session.rest().syncClock();

        assertThat(venue.session.spot().account().balances()).isNotEmpty();
    }

    @Test
    void shouldReconnectThePrivateStreamAndSayItIsBackWhenItDrops() {
        List<Boolean> states = new CopyOnWriteArrayList<>();
        List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
        venue.session.onConnection(states::add);
        venue.session.spot().subscribe(updates::add);
        // the stream connects in the background: drop it once it is there (a drop before that drops nothing)
        await().atMost(Duration.ofSeconds(10)).until(() -> venue.peer.userStreamConnections() > 0);

        venue.peer.dropUserStreams();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(states).containsSubsequence(false, true));
        OrderCommand order = buy("0.01", 1);
        venue.session.spot().submit(order);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(updates).anySatisfy(u -> {
            assertThat(u.order().clientOrderId()).isEqualTo(order.clientOrderId());
            assertThat(u.execution()).isNotNull();
        }));
    }

    @Test
    void shouldNeverShowTheKeyOrSecretInWhatItSaysWhenCallsFail() {
        venue.peer.failNext("POST", SPOT_ORDER, Failure.beforeActing(400, "{\"code\":\"0001\",\"msg\":\"Incorrect signature\"}", null), 1);

        assertThatThrownBy(() -> venue.session.spot().submit(buy("0.01", 1)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("test-key-", "test-secret-"));
        assertThat(venue.session.rest().toString()).doesNotContain("test-key-");
    }
}
