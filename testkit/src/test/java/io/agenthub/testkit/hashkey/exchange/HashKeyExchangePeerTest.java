package io.agenthub.testkit.hashkey.exchange;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The peer driven as a client would: raw signed HTTP requests and a raw WebSocket. */
class HashKeyExchangePeerTest {

    private static final String KEY = "test-api-key";
    private static final String SECRET = "lH3ELTNiFxCQTmi9pPcWWikhsjO04Yoqw3euoHUuOLC3GYBW64ZqzQsiOEHXQS76";
    private static final String SPOT_ORDER = "/api/v1.1/spot/order";
    private static final String FUTURES_ORDER = "/api/v1/futures/order";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HashKeyExchangePeer peer;
    private final Account account;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<WebSocket> sockets = new ArrayList<>();

    HashKeyExchangePeerTest() throws Exception {
        peer = new HashKeyExchangePeer();
        account = peer.account(KEY, SECRET);
    }

    @BeforeAll
    static void quietJetty() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.INFO);
    }

    @AfterEach
    void close() {
        sockets.forEach(WebSocket::abort);
        peer.close();
        http.close();
    }

    @Test
    void shouldRefuseRequestWhenSignatureIsWrong() throws Exception {
        HttpResponse<String> wrongSecret = send("GET", "/api/v1/account", Map.of(), KEY, "not-the-secret", peer.now());
        HttpResponse<String> unknownKey = send("GET", "/api/v1/account", Map.of(), "unknown-key", SECRET, peer.now());
        HttpResponse<String> right = send("GET", "/api/v1/account", Map.of(), KEY, SECRET, peer.now());

        assertThat(wrongSecret.statusCode()).isEqualTo(400);
        assertThat(json(wrongSecret).path("code").asString()).isEqualTo("0001");
        assertThat(json(wrongSecret).path("msg").asString()).isEqualTo("Incorrect signature");
        assertThat(unknownKey.statusCode()).isEqualTo(400);
        assertThat(json(unknownKey).path("code").asString()).isEqualTo("-1002");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(json(right).path("userId").asString()).hasSize(19);
    }

    @Test
    void shouldRefuseTimestampWhenOutsideRecvWindowOfThePeerClock() throws Exception {
        peer.clockOffset(10_000);

        HttpResponse<String> local = send("GET", "/api/v1/account", Map.of(), KEY, SECRET, System.currentTimeMillis());
        HttpResponse<String> synced = send("GET", "/api/v1/account", Map.of(), KEY, SECRET, peer.now());

        assertThat(json(local).path("code").asString()).isEqualTo("-1021");
        assertThat(synced.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldFillSpotMarketBuyAtLastPriceWithFeeInBaseWhenFunded() throws Exception {
        account.fund("USDT", new BigDecimal("1000"));
        peer.price("BTCUSDT", new BigDecimal("50000"));

        HttpResponse<String> placed = post(SPOT_ORDER, params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                "quantity", "0.01", "newClientOrderId", "mkt-1"));

        JsonNode order = json(placed);
        assertThat(placed.statusCode()).isEqualTo(200);
        assertThat(order.path("status").asString()).isEqualTo("FILLED");
        assertThat(order.path("executedQty").asString()).isEqualTo("0.01");
        assertThat(order.path("orderId").asString()).hasSize(19);
        assertThat(order.path("transactTime").isString()).isTrue();
        assertThat(account.spotBalances().get("USDT")).isEqualByComparingTo("500");
        assertThat(account.spotBalances().get("BTC")).isEqualByComparingTo("0.00999");
        JsonNode trade = json(get("/api/v1/account/trades", params("symbol", "BTCUSDT"))).get(0);
        assertThat(trade.path("clientOrderId").asString()).isEqualTo("mkt-1");
        assertThat(trade.path("price").asString()).isEqualTo("50000");
        assertThat(trade.path("commission").asString()).isEqualTo("0.00001");
        assertThat(trade.path("commissionAsset").asString()).isEqualTo("BTC");
        assertThat(trade.path("isBuyer").asBoolean()).isTrue();
        assertThat(trade.path("isMaker").asBoolean()).isFalse();
        JsonNode queried = json(get("/api/v1/spot/order", params("origClientOrderId", "mkt-1")));
        assertThat(queried.path("avgPrice").asString()).isEqualTo("50000");
        assertThat(queried.path("cummulativeQuoteQty").asString()).isEqualTo("500");
        assertThat(queried.path("cumulativeQuoteQty").asString()).isEqualTo("500");
    }

    @Test
    void shouldPushNewPartiallyFilledAndFilledWhenRestingLimitFillsOverTwoTrades() throws Exception {
        account.fund("USDT", new BigDecimal("10000"));
        peer.price("BTCUSDT", new BigDecimal("50000"));
        List<String> frames = connectUserStream();

        JsonNode placed = json(post(SPOT_ORDER, params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "quantity", "0.02", "price", "49000", "timeInForce", "GTC", "newClientOrderId", "rest-1")));
        assertThat(placed.path("status").asString()).isEqualTo("NEW");
        assertThat(account.spotLocked("USDT")).isEqualByComparingTo("980");
        peer.trade("BTCUSDT", new BigDecimal("49000"), new BigDecimal("0.005"));
        peer.trade("BTCUSDT", new BigDecimal("48900"), new BigDecimal("0.05"));

        await().atMost(Duration.ofSeconds(3)).until(() -> events(frames, "executionReport").size() == 3);
        List<JsonNode> reports = events(frames, "executionReport");
        assertThat(frames).allSatisfy(frame -> assertThat(frame).startsWith("["));
        assertThat(reports).extracting(r -> r.path("X").asString()).containsExactly("NEW", "PARTIALLY_FILLED", "FILLED");
        assertThat(reports).extracting(r -> r.path("l").asString()).containsExactly("0", "0.005", "0.015");
        assertThat(reports).extracting(r -> r.path("z").asString()).containsExactly("0", "0.005", "0.02");
        assertThat(reports.get(2).path("L").asString()).isEqualTo("49000");
        assertThat(reports.get(2).path("m").asBoolean()).isTrue();
        assertThat(reports.get(2).path("n").asString()).isEqualTo("0.000015");
        assertThat(reports.get(2).path("N").asString()).isEqualTo("BTC");
        assertThat(events(frames, "ticketInfo")).hasSize(2);
        assertThat(events(frames, "outboundAccountInfo")).isNotEmpty();
        JsonNode trades = json(get("/api/v1/account/trades", params("symbol", "BTCUSDT")));
        assertThat(trades).hasSize(2);
        assertThat(Long.parseLong(trades.get(0).path("id").asString())).isGreaterThan(Long.parseLong(trades.get(1).path("id").asString()));
        Set<String> restIds = Set.of(trades.get(0).path("id").asString(), trades.get(0).path("ticketId").asString(),
                trades.get(1).path("id").asString(), trades.get(1).path("ticketId").asString());
        assertThat(reports).extracting(r -> r.path("d").asString()).doesNotContainAnyElementsOf(restIds);
        assertThat(account.spotBalances().get("USDT")).isEqualByComparingTo("9020");
        assertThat(account.spotBalances().get("BTC")).isEqualByComparingTo("0.01998");
        assertThat(account.spotLocked("USDT")).isEqualByComparingTo("0");
    }

    @Test
    void shouldAnswerPreCancelStatusAndPushCancelWhenRestingSpotOrderIsCanceled() throws Exception {
        account.fund("USDT", new BigDecimal("1000"));
        peer.price("ETHUSDT", new BigDecimal("3000"));
        List<String> frames = connectUserStream();
        post(SPOT_ORDER, params("symbol", "ETHUSDT", "side", "BUY", "type", "LIMIT", "quantity", "0.1",
                "price", "2900", "newClientOrderId", "c-1"));

        HttpResponse<String> canceled = send("DELETE", "/api/v1/spot/order", params("clientOrderId", "c-1"), KEY, SECRET, peer.now());

        assertThat(canceled.statusCode()).isEqualTo(200);
        assertThat(json(canceled).path("status").asString()).isEqualTo("NEW");
        assertThat(account.order("c-1").orElseThrow().status()).isEqualTo("CANCELED");
        assertThat(account.spotLocked("USDT")).isEqualByComparingTo("0");
        await().atMost(Duration.ofSeconds(3)).until(() -> events(frames, "executionReport").size() == 2);
        assertThat(events(frames, "executionReport").get(1).path("X").asString()).isEqualTo("CANCELED");
        HttpResponse<String> unknown = send("GET", "/api/v1/spot/order", params("origClientOrderId", "nope"), KEY, SECRET, peer.now());
        assertThat(json(unknown).path("code").asString()).isEqualTo("-1143");
    }

    @Test
    void shouldOpenLongPositionWhenPerpetualMarketBuyOpenFills() throws Exception {
        account.fundFutures(new BigDecimal("1000"));
        peer.price("BTCUSDT-PERPETUAL", new BigDecimal("60000"));

        HttpResponse<String> placed = post(FUTURES_ORDER, params("symbol", "BTCUSDT-PERPETUAL", "side", "BUY_OPEN",
                "type", "LIMIT", "priceType", "MARKET", "quantity", "10", "clientOrderId", "perp-1"));

        JsonNode order = json(placed);
        assertThat(placed.statusCode()).isEqualTo(200);
        assertThat(order.path("status").asString()).isEqualTo("FILLED");
        assertThat(order.path("avgPrice").asString()).isEqualTo("0");
        assertThat(order.path("executedQty").asString()).isEqualTo("10");
        assertThat(order.path("timeInForce").asString()).isEqualTo("IOC");
        assertThat(order.path("contractMultiplier").asString()).isEqualTo("0.00100000");
        JsonNode position = json(get("/api/v1/futures/positions", params("symbol", "BTCUSDT-PERPETUAL"))).get(0);
        assertThat(position.path("side").asString()).isEqualTo("LONG");
        assertThat(position.path("position").asString()).isEqualTo("10");
        assertThat(position.path("avgPrice").asString()).isEqualTo("60000");
        assertThat(position.path("margin").asString()).isEqualTo("60");
        assertThat(json(get(FUTURES_ORDER, params("clientOrderId", "perp-1"))).path("avgPrice").asString()).isEqualTo("60000");
        JsonNode trade = json(get("/api/v1/futures/userTrades", params("symbol", "BTCUSDT-PERPETUAL"))).get(0);
        assertThat(trade.has("clientOrderId")).isFalse();
        assertThat(trade.path("isMarker").isBoolean()).isTrue();
        assertThat(trade.path("commission").asString()).isEqualTo("0.36");
        assertThat(account.futuresBalance()).isEqualByComparingTo("999.64");
        assertThat(account.position("BTCUSDT-PERPETUAL", "LONG").orElseThrow().contracts()).isEqualByComparingTo("10");
    }

    @Test
    void shouldTriggerStopOrderWhenLastPriceReachesItsStopPrice() throws Exception {
        openFiveContractsLongAt60000();

        JsonNode stop = json(post(FUTURES_ORDER, params("symbol", "BTCUSDT-PERPETUAL", "side", "SELL_CLOSE", "type", "STOP",
                "priceType", "MARKET", "stopPrice", "59000", "quantity", "5", "clientOrderId", "stop-1")));
        assertThat(stop.path("status").asString()).isEqualTo("ORDER_NEW");
        assertThat(stop.path("leverage").asString()).isEqualTo("0");
        assertThat(json(get("/api/v1/futures/openOrders", params("symbol", "BTCUSDT-PERPETUAL", "type", "STOP")))).hasSize(1);
        peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("58900"), BigDecimal.ONE);

        assertThat(json(get(FUTURES_ORDER, params("clientOrderId", "stop-1", "type", "STOP"))).path("status").asString())
                .isEqualTo("ORDER_FILLED");
        JsonNode placed = json(get(FUTURES_ORDER, params("clientOrderId", "stop-1")));
        assertThat(placed.path("status").asString()).isEqualTo("FILLED");
        assertThat(placed.path("avgPrice").asString()).isEqualTo("58900");
        assertThat(account.position("BTCUSDT-PERPETUAL", "LONG")).isEmpty();
    }

    @Test
    void shouldTriggerAStopAboveTheMarketOnARiseAndNotOnAFallWhenItIsATakeProfit() throws Exception {
        openFiveContractsLongAt60000();
        post(FUTURES_ORDER, params("symbol", "BTCUSDT-PERPETUAL", "side", "SELL_CLOSE", "type", "STOP",
                "priceType", "MARKET", "stopPrice", "61000", "quantity", "5", "clientOrderId", "target-1"));

        peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("59000"), BigDecimal.ONE);
        assertThat(json(get(FUTURES_ORDER, params("clientOrderId", "target-1", "type", "STOP"))).path("status").asString())
                .as("a fall does not reach a stop above the market").isEqualTo("ORDER_NEW");
        peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("61050"), BigDecimal.ONE);

        assertThat(json(get(FUTURES_ORDER, params("clientOrderId", "target-1", "type", "STOP"))).path("status").asString())
                .isEqualTo("ORDER_FILLED");
        assertThat(json(get(FUTURES_ORDER, params("clientOrderId", "target-1"))).path("avgPrice").asString()).isEqualTo("61050");
        assertThat(account.position("BTCUSDT-PERPETUAL", "LONG")).isEmpty();
    }

    /** A funded futures account holding a long of five contracts bought at market at 60,000. */
    private void openFiveContractsLongAt60000() throws Exception {
        account.fundFutures(new BigDecimal("1000"));
        peer.price("BTCUSDT-PERPETUAL", new BigDecimal("60000"));
        post(FUTURES_ORDER, params("symbol", "BTCUSDT-PERPETUAL", "side", "BUY_OPEN", "type", "LIMIT",
                "priceType", "MARKET", "quantity", "5", "clientOrderId", "open-" + System.nanoTime()));
    }

    @Test
    void shouldRefuseLeverageWhenAboveTheCap() throws Exception {
        peer.maxLeverage("BTCUSDT-PERPETUAL", 20);

        HttpResponse<String> tooHigh = post("/api/v1/futures/leverage", params("symbol", "BTCUSDT-PERPETUAL", "leverage", "25"));
        HttpResponse<String> atCap = post("/api/v1/futures/leverage", params("symbol", "BTCUSDT-PERPETUAL", "leverage", "20"));

        assertThat(tooHigh.statusCode()).isEqualTo(400);
        assertThat(json(tooHigh).path("code").asString()).isEqualTo("-2043");
        assertThat(json(tooHigh).path("msg").asString()).isEqualTo("Maximum allowed leverage reached, please lower your leverage");
        assertThat(atCap.statusCode()).isEqualTo(200);
        assertThat(json(atCap).path("code").asString()).isEqualTo("0000");
        assertThat(json(atCap).path("leverage").asString()).isEqualTo("20");
        assertThat(account.leverage("BTCUSDT-PERPETUAL")).isEqualTo(20);
        JsonNode info = json(http.send(HttpRequest.newBuilder(peer.restBaseUrl().resolve("/api/v1/exchangeInfo")).build(),
                HttpResponse.BodyHandlers.ofString()));
        JsonNode contract = StreamSupport.stream(info.path("contracts").spliterator(), false)
                .filter(c -> c.path("symbol").asString().equals("BTCUSDT-PERPETUAL")).findFirst().orElseThrow();
        assertThat(contract.path("riskLimits").get(0).path("initialMargin").asString()).isEqualTo("0.05");
    }

    @Test
    void shouldRefuseOrderWhenClientOrderIdWasUsedBefore() throws Exception {
        account.fund("USDT", new BigDecimal("1000"));
        Map<String, String> order = params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.001",
                "newClientOrderId", "dup-1");
        post(SPOT_ORDER, order);

        HttpResponse<String> again = post(SPOT_ORDER, order);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).isEqualTo("{\"code\":\"-1141\",\"msg\":\"Duplicate order\"}");
        assertThat(account.orders()).hasSize(1);
    }

    @Test
    void shouldHoldReplyUntilReleasedWhenHeld() throws Exception {
        account.fund("USDT", new BigDecimal("1000"));
        HashKeyExchangePeer.Hold hold = peer.holdNext("POST", SPOT_ORDER);

        CompletableFuture<HttpResponse<String>> reply = http.sendAsync(request("POST", SPOT_ORDER, params("symbol", "BTCUSDT",
                "side", "BUY", "type", "MARKET", "quantity", "0.001", "newClientOrderId", "held-1"), KEY, SECRET, peer.now()),
                HttpResponse.BodyHandlers.ofString());

        assertThat(hold.awaitArrived(Duration.ofSeconds(2))).isTrue();
        assertThat(account.order("held-1").orElseThrow().status()).isEqualTo("FILLED");
        assertThat(reply).isNotDone();
        hold.release();
        assertThat(reply.get(2, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldActButAnswer503WhenFailingAfterActing() throws Exception {
        account.fund("USDT", new BigDecimal("1000"));
        peer.failNext("POST", SPOT_ORDER, HashKeyExchangePeer.Failure.afterActing(503), 1);
        Map<String, String> order = params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.001",
                "newClientOrderId", "lost-1");

        HttpResponse<String> lost = post(SPOT_ORDER, order);

        assertThat(lost.statusCode()).isEqualTo(503);
        assertThat(lost.body()).startsWith("<html>");
        assertThat(json(get("/api/v1/spot/order", params("origClientOrderId", "lost-1"))).path("status").asString()).isEqualTo("FILLED");
        assertThat(peer.count("POST", SPOT_ORDER, "newClientOrderId", "lost-1")).isEqualTo(1);
        assertThat(json(post(SPOT_ORDER, order)).path("code").asString()).isEqualTo("-1141");
        assertThat(peer.count("POST", SPOT_ORDER, "newClientOrderId", "lost-1")).isEqualTo(2);
        assertThat(peer.requests()).noneMatch(r -> r.contains(SECRET));
    }

    @Test
    void shouldNotActAndSayWhenToRetryWhenFailingBeforeActing() throws Exception {
        account.fund("USDT", new BigDecimal("1000"));
        peer.failNext("POST", SPOT_ORDER, HashKeyExchangePeer.Failure.beforeActing(429,
                "{\"code\":\"0003\",\"msg\":\"Rate limit exceeded\"}", Duration.ofSeconds(3)), 1);

        HttpResponse<String> limited = post(SPOT_ORDER, params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                "quantity", "0.001", "newClientOrderId", "rl-1"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("3");
        assertThat(json(limited).path("code").asString()).isEqualTo("0003");
        assertThat(account.order("rl-1")).isEmpty();
    }

    @Test
    void shouldActButAnswerTooLateWhenDelayedAfterActing() throws Exception {
        account.fund("USDT", new BigDecimal("1000"));
        peer.failNext("POST", SPOT_ORDER, HashKeyExchangePeer.Failure.delayAfterActing(Duration.ofSeconds(2)), 1);
        HttpRequest order = request("POST", SPOT_ORDER, params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                "quantity", "0.001", "newClientOrderId", "slow-1"), KEY, SECRET, peer.now());
        HttpRequest impatient = HttpRequest.newBuilder(order, (name, value) -> true).timeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> http.send(impatient, HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        assertThat(account.order("slow-1").orElseThrow().status()).isEqualTo("FILLED");
    }

    @Test
    void shouldDropConnectionWithoutReplyWhenResetAfterActing() {
        account.fund("USDT", new BigDecimal("1000"));
        peer.failNext("POST", SPOT_ORDER, HashKeyExchangePeer.Failure.resetAfterActing(), 1);

        assertThatThrownBy(() -> post(SPOT_ORDER, params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                "quantity", "0.001", "newClientOrderId", "rst-1"))).isInstanceOf(IOException.class);
        assertThat(account.order("rst-1").orElseThrow().status()).isEqualTo("FILLED");
    }

    @Test
    void shouldRefuseSpotOrderWhenBalanceIsShortOrQuantityIsOffTheStep() throws Exception {
        account.fund("USDT", new BigDecimal("100"));
        peer.price("BTCUSDT", new BigDecimal("50000"));

        HttpResponse<String> tooBig = post(SPOT_ORDER, params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "quantity", "0.01", "price", "49000", "newClientOrderId", "big-1"));
        HttpResponse<String> offStep = post(SPOT_ORDER, params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "quantity", "0.000015", "price", "49000", "newClientOrderId", "step-1"));
        HttpResponse<String> offTick = post(SPOT_ORDER, params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "quantity", "0.001", "price", "49000.005", "newClientOrderId", "tick-1"));

        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).isEqualTo("{\"code\":\"0401\",\"msg\":\"Insufficient asset\"}");
        assertThat(json(offStep).path("code").asString()).isEqualTo("-1137");
        assertThat(json(offTick).path("code").asString()).isEqualTo("0209");
        assertThat(account.orders()).isEmpty();
    }

    @Test
    void shouldRealisePnlWhenRestingCloseFillsAsMakerOverTwoTrades() throws Exception {
        account.fundFutures(new BigDecimal("1000"));
        peer.price("BTCUSDT-PERPETUAL", new BigDecimal("60000"));
        post(FUTURES_ORDER, params("symbol", "BTCUSDT-PERPETUAL", "side", "BUY_OPEN", "type", "LIMIT",
                "priceType", "MARKET", "quantity", "10", "clientOrderId", "open-1"));
        JsonNode close = json(post(FUTURES_ORDER, params("symbol", "BTCUSDT-PERPETUAL", "side", "SELL_CLOSE", "type", "LIMIT",
                "priceType", "INPUT", "price", "61000", "quantity", "10", "timeInForce", "GTC", "clientOrderId", "close-1")));
        assertThat(close.path("status").asString()).isEqualTo("NEW");
        HttpResponse<String> overClose = post(FUTURES_ORDER, params("symbol", "BTCUSDT-PERPETUAL", "side", "SELL_CLOSE",
                "type", "LIMIT", "priceType", "MARKET", "quantity", "1", "clientOrderId", "close-2"));
        assertThat(json(overClose).path("code").asString()).isEqualTo("-2053");

        peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("61000"), new BigDecimal("4"));
        assertThat(account.position("BTCUSDT-PERPETUAL", "LONG").orElseThrow().contracts()).isEqualByComparingTo("6");
        peer.price("BTCUSDT-PERPETUAL", new BigDecimal("61500"));

        assertThat(account.position("BTCUSDT-PERPETUAL", "LONG")).isEmpty();
        assertThat(account.futuresBalance()).isEqualByComparingTo("1009.518");
        JsonNode trades = json(get("/api/v1/futures/userTrades", params("symbol", "BTCUSDT-PERPETUAL")));
        assertThat(trades).hasSize(3);
        assertThat(trades.get(0).path("realizedPnl").asString()).isEqualTo("6");
        assertThat(trades.get(1).path("realizedPnl").asString()).isEqualTo("4");
        assertThat(trades.get(0).path("isMarker").asBoolean()).isTrue();
        assertThat(trades.get(2).path("side").asString()).isEqualTo("BUY_OPEN");
    }

    @Test
    void shouldRefuseStreamUpgradeWhenListenKeyIsUnknown() {
        CompletableFuture<WebSocket> connecting = http.newWebSocketBuilder()
                .buildAsync(peer.userStreamUrl("x".repeat(64)), new WebSocket.Listener() { });

        assertThatThrownBy(() -> connecting.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(400));
    }

    @Test
    void shouldNotDeliverLaterWhatHappenedWhileStreamsWereDropped() throws Exception {
        account.fund("USDT", new BigDecimal("10000"));
        peer.price("BTCUSDT", new BigDecimal("50000"));
        String listenKey = createListenKey();
        StreamClient first = connect(listenKey);
        post(SPOT_ORDER, params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "quantity", "0.01", "price", "49000",
                "newClientOrderId", "before-drop"));
        await().atMost(Duration.ofSeconds(2)).until(() -> events(first.frames, "executionReport").size() == 1);

        peer.dropUserStreams();
        await().atMost(Duration.ofSeconds(2)).until(() -> first.failed.isDone() || first.closed.isDone());
        post(SPOT_ORDER, params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "quantity", "0.01", "price", "48000",
                "newClientOrderId", "while-dropped"));
        StreamClient second = connect(listenKey);
        peer.price("BTCUSDT", new BigDecimal("47000"));

        await().atMost(Duration.ofSeconds(2)).until(() -> events(second.frames, "executionReport").size() == 2);
        assertThat(events(second.frames, "executionReport")).extracting(r -> r.path("c").asString() + "/" + r.path("X").asString())
                .containsExactly("before-drop/FILLED", "while-dropped/FILLED");
        assertThat(events(first.frames, "executionReport")).hasSize(1);
    }

    @Test
    void shouldCloseStreamAndForgetKeyWhenListenKeyExpires() throws Exception {
        peer.listenKeyValidity(Duration.ofMinutes(60));
        String listenKey = createListenKey();
        StreamClient client = connect(listenKey);
        client.socket.sendText("{\"ping\":1691473241907}", true);
        await().atMost(Duration.ofSeconds(2)).until(() -> client.frames.contains("{\"pong\":1691473241907}"));

        peer.clockOffset(Duration.ofMinutes(61).toMillis());

        assertThat(client.closed.get(2, TimeUnit.SECONDS)).isEqualTo(1008);
        HttpResponse<String> extend = send("PUT", "/api/v1/userDataStream", params("listenKey", listenKey), KEY, SECRET, peer.now());
        assertThat(json(extend).path("code").asString()).isEqualTo("0001");
    }

    // --- a raw client -------------------------------------------------------------------------------------------

    private List<String> connectUserStream() throws Exception {
        return connect(createListenKey()).frames;
    }

    private String createListenKey() throws Exception {
        String listenKey = json(post("/api/v1/userDataStream", Map.of())).path("listenKey").asString();
        assertThat(listenKey).hasSize(64);
        return listenKey;
    }

    /** A raw private-stream client: the text frames it got, and how its connection ended. */
    private static final class StreamClient implements WebSocket.Listener {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<Throwable> failed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failed.complete(error);
        }
    }

    private StreamClient connect(String listenKey) throws Exception {
        int before = peer.userStreamConnections();
        StreamClient client = new StreamClient();
        client.socket = http.newWebSocketBuilder().buildAsync(peer.userStreamUrl(listenKey), client).get(2, TimeUnit.SECONDS);
        sockets.add(client.socket);
        await().atMost(Duration.ofSeconds(2)).until(() -> peer.userStreamConnections() == before + 1);
        return client;
    }

    private static List<JsonNode> events(List<String> frames, String type) {
        List<JsonNode> events = new ArrayList<>();
        for (String frame : frames) {
            for (JsonNode event : JSON.readTree(frame)) {
                if (event.path("e").asString().equals(type)) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    private HttpResponse<String> post(String path, Map<String, String> params) throws Exception {
        return send("POST", path, params, KEY, SECRET, peer.now());
    }

    private HttpResponse<String> get(String path, Map<String, String> params) throws Exception {
        return send("GET", path, params, KEY, SECRET, peer.now());
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> params, String key, String secret,
                                      long timestamp) throws IOException, InterruptedException {
        return http.send(request(method, path, params, key, secret, timestamp), HttpResponse.BodyHandlers.ofString());
    }

    /** GET: signed parameters in the query; POST/PUT/DELETE: in a form body. */
    private HttpRequest request(String method, String path, Map<String, String> params, String key, String secret, long timestamp) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("recvWindow", "5000");
        all.put("timestamp", Long.toString(timestamp));
        StringJoiner text = new StringJoiner("&");
        all.forEach((name, value) -> text.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String signed = text + "&signature=" + hmac(secret, text.toString());
        URI base = peer.restBaseUrl().resolve(path);
        HttpRequest.Builder builder = HttpRequest.newBuilder().header("X-HK-APIKEY", key).timeout(Duration.ofSeconds(3));
        if (method.equals("GET")) {
            return builder.uri(URI.create(base + "?" + signed)).GET().build();
        }
        return builder.uri(base).header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(signed)).build();
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }
}
