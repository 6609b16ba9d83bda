package io.agenthub.gateway.live;

import io.agenthub.core.ids.AgentId;
import io.agenthub.gateway.hashkey.config.HashKeySettings;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.OrderPurpose;
import io.agenthub.schemas.events.OrderSide;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.secrets.SecretResolver;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.testkit.events.OrderIntents;
import io.agenthub.testkit.hashkey.exchange.Account;
import io.agenthub.testkit.hashkey.exchange.HashKeyExchangePeer;
import io.agenthub.testkit.hashkey.exchange.HashKeyExchangePeer.Failure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live orders through the executor on the embedded broker, against the HashKey protocol peer: placed once, fills
 * reported once whatever the venue's replies, reconciled before trading, halted on what cannot be explained.
 */
@EmbeddedClusterTest
class LiveExecutionIT {

    private static final String PERP_ORDER = "/api/v1/futures/order";
    private static final String SPOT_ORDER = "/api/v1.1/spot/order";

    private final HashKeyExchangePeer peer;
    private final Account account;
    private LiveExecutor executor;

    LiveExecutionIT() throws Exception {
        peer = new HashKeyExchangePeer();
        account = peer.account("live-key", "live-secret-lH3ELTNiFxCQTmi9pPcWWikhsjO04Yoqw3eu");
        account.fund("USDT", new BigDecimal("100000"));
        account.fundFutures(new BigDecimal("100000"));
        peer.trade("BTCUSDT", new BigDecimal("23000"), BigDecimal.ONE);
        peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("23000"), BigDecimal.TEN);
    }

    @AfterEach
    void close() throws Exception {
        if (executor != null) {
            executor.close();
        }
        peer.close();
    }

    private LiveExecutor start(TestCluster cluster, Map<String, String> environment) {
        HashKeySettings hashkey = HashKeySettings.at(peer.restBaseUrl(), peer.wsBaseUrl()).withTimeout(Duration.ofSeconds(1)).withRates(100, 100);
        SecretResolver resolver = SecretResolver.environmentOnly(environment::get);
        executor = new LiveExecutor(cluster.bootstrapServers(), cluster.applicationId("gateway"), 1, cluster.topics(),
                new LiveExecutor.Settings(Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofMillis(300), Duration.ofSeconds(2),
                        Duration.ofMillis(20), true), Clock.systemUTC(), sink -> new HashKeyRoutes(hashkey, resolver, Clock.systemUTC(), sink)).start();
        await().atMost(Duration.ofSeconds(30)).until(executor::ready);
        return executor;
    }

    private static Map<String, String> keys() {
        return Map.of("HASHKEY_API_KEY", "live-key", "HASHKEY_SECRET", "live-secret-lH3ELTNiFxCQTmi9pPcWWikhsjO04Yoqw3eu");
    }

    private static AgentConfig perpetualAgent(String id, int leverage) {
        return AgentConfigs.paper(id, "rsi_signal").setLiveMode(true).setRisk(AgentConfigs.risk("1000", "2", "4", leverage).setAllowShort(true)
                .build()).build();
    }

    private static AgentConfig spotAgent(String id) {
        return AgentConfigs.paper(id, "rsi_signal").setLiveMode(true).build();
    }

    private static OrderIntent live(String agent, long sequence, OrderSide side, OrderPurpose purpose, String quantity, int leverage) {
        return OrderIntents.market(agent, sequence, side, purpose, Instant.now(), quantity).setLiveMode(true).setLeverage(leverage)
                .setReferencePrice(Decimals.toWire(new BigDecimal("23000"))).build();
    }

    private static void send(TestCluster cluster, AgentConfig config, OrderIntent... intents) throws Exception {
        Topics topics = cluster.topics();
        try (KafkaProducer<String, AgentConfig> configs = cluster.producer(topics.agentsConfig());
             KafkaProducer<String, OrderIntent> orders = cluster.producer(topics.ordersIntents())) {
            if (config != null) {
                configs.send(new ProducerRecord<>(topics.agentsConfig().name(), config.getAgentId(), config)).get();
            }
            for (OrderIntent intent : intents) {
                orders.send(new ProducerRecord<>(topics.ordersIntents().name(), intent.getAgentId(), intent)).get();
            }
        }
    }

    private static List<ExecutionReport> reports(TestCluster cluster, Predicate<List<ExecutionReport>> done) {
        return cluster.readUntil(cluster.topics().ordersExecutions(), records -> done.test(values(records)), Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::value).toList();
    }

    private static List<ExecutionReport> values(List<ConsumerRecord<String, ExecutionReport>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static Predicate<List<ExecutionReport>> has(ExecutionStatus status, String clientOrderId) {
        return list -> list.stream().anyMatch(r -> r.getStatus() == status && r.getClientOrderId().equals(clientOrderId));
    }

    @Test
    void shouldTradeWithTheKeysOfTheRequestThatStartedTheAgentWhenTheyOverrideTheEnvironment(TestCluster cluster) throws Exception {
        // the service's environment holds someone else's keys; the agent's starting request sent its owner's own
        Account environments = peer.account("env-key", "env-secret-0000000000000000000000000000000000000000");
        environments.fund("USDT", new BigDecimal("100000"));
        java.util.UUID owner = java.util.UUID.randomUUID();
        io.agenthub.secrets.MasterKeys masterKeys = io.agenthub.secrets.MasterKeys.parse("k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        io.agenthub.secrets.SecretOverrides overrides = io.agenthub.secrets.SecretOverrides.openedWith(masterKeys);
        try (KafkaProducer<String, io.agenthub.schemas.events.AgentCredentials> credentials = cluster.producer(cluster.topics().agentsCredentials())) {
            credentials.send(new ProducerRecord<>(cluster.topics().agentsCredentials().name(), "live-eph", io.agenthub.secrets.SecretOverrides.seal(
                    new io.agenthub.secrets.SecretCipher(masterKeys), io.agenthub.core.ids.UserId.of(owner), AgentId.of("live-eph"), 1, keys(), Instant.now(), null))).get();
        }
        try (io.agenthub.secrets.OverrideFeed feed = io.agenthub.secrets.OverrideFeed.start(cluster.bootstrapServers(), cluster.applicationId("overrides"),
                cluster.topics().agentsCredentials(), overrides, Duration.ofSeconds(30))) {
            HashKeySettings hashkey = HashKeySettings.at(peer.restBaseUrl(), peer.wsBaseUrl()).withTimeout(Duration.ofSeconds(1)).withRates(100, 100);
            SecretResolver resolver = SecretResolver.environmentOnly(Map.of("HASHKEY_API_KEY", "env-key",
                    "HASHKEY_SECRET", "env-secret-0000000000000000000000000000000000000000")::get).withOverrides(overrides);
            executor = new LiveExecutor(cluster.bootstrapServers(), cluster.applicationId("gateway"), 1, cluster.topics(),
                    new LiveExecutor.Settings(Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofMillis(300), Duration.ofSeconds(2),
                            Duration.ofMillis(20), true), Clock.systemUTC(), sink -> {
                        HashKeyRoutes routes = new HashKeyRoutes(hashkey, resolver, Clock.systemUTC(), sink);
                        overrides.onChange(routes::forget);
                        return routes;
                    }).start();
            await().atMost(Duration.ofSeconds(30)).until(executor::ready);

            AgentConfig agent = spotAgent("live-eph");
            agent.setOwnerId(owner.toString());
            OrderIntent entry = live("live-eph", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.01", 1);
            entry.setOwnerId(owner.toString());
            send(cluster, agent, entry);

            reports(cluster, has(ExecutionStatus.FILLED, "live-eph-1-0"));
            assertThat(account.orders()).as("placed with the request's keys").anySatisfy(o -> assertThat(o.clientOrderId()).isEqualTo("live-eph-1-0"));
            assertThat(environments.orders()).as("not with the environment's").isEmpty();
        }
    }

    @Test
    void shouldPlaceALivePerpetualEntryOnceAndReportItsFillWhenTheVenueFillsIt(TestCluster cluster) throws Exception {
        start(cluster, keys());

        send(cluster, perpetualAgent("live-1", 2), live("live-1", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.0437", 2));

        List<ExecutionReport> reports = reports(cluster, has(ExecutionStatus.FILLED, "live-1-1-0"));
        assertThat(reports).filteredOn(r -> r.getStatus() == ExecutionStatus.FILLED).singleElement().satisfies(r -> {
            assertThat(r.getVenue()).isEqualTo("hashkey");
            assertThat(r.getLastQuantity()).as("43 whole contracts of 0.001 BTC").isEqualByComparingTo("0.043");
            assertThat(r.getLastPrice()).isEqualByComparingTo("23000");
            assertThat(r.getFee()).as("0.06 % taker of 989 USDT").isEqualByComparingTo("0.5934");
            assertThat(r.getCausationId()).isEqualTo("intent-live-1-1");
            assertThat(r.getHalt()).isFalse();
        });
        assertThat(peer.count("POST", PERP_ORDER, "clientOrderId", "live-1-1-0")).isEqualTo(1);
        assertThat(account.leverage("BTCUSDT-PERPETUAL")).isEqualTo(2);
    }

    @Test
    void shouldTradeSpotWhenTheAgentIsLongOnlyWithoutLeverage(TestCluster cluster) throws Exception {
        start(cluster, keys());

        send(cluster, spotAgent("live-2"), live("live-2", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.04", 1));

        List<ExecutionReport> reports = reports(cluster, has(ExecutionStatus.FILLED, "live-2-1-0"));
        assertThat(reports).filteredOn(r -> r.getStatus() == ExecutionStatus.FILLED).singleElement().satisfies(r -> {
            assertThat(r.getLastQuantity()).as("0.04 less the 0.1 % fee taken in BTC").isEqualByComparingTo("0.03996");
            assertThat(r.getFeeAsset()).isEqualTo("BTC");
        });
        assertThat(peer.count("POST", SPOT_ORDER, "newClientOrderId", "live-2-1-0")).isEqualTo(1);
    }

    @Test
    void shouldAskTheVenueAndNotSendAgainWhenTheReplyToAnOrderIsLost(TestCluster cluster) throws Exception {
        start(cluster, keys());
        peer.failNext("POST", PERP_ORDER, Failure.afterActing(503), 1);

        send(cluster, perpetualAgent("live-3", 2), live("live-3", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.01", 2));

        List<ExecutionReport> reports = reports(cluster, has(ExecutionStatus.FILLED, "live-3-1-0"));
        assertThat(reports).filteredOn(r -> r.getStatus() == ExecutionStatus.FILLED).hasSize(1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(values(cluster.read(cluster.topics().ordersExecutions(), 10, Duration.ofSeconds(2))))
                .as("one fill, however it was learnt (stream or query)").filteredOn(r -> r.getLastQuantity() != null).hasSize(1);
        assertThat(peer.count("POST", PERP_ORDER, "clientOrderId", "live-3-1-0")).isEqualTo(1);
    }

    @Test
    void shouldReportAnOrderTheVenueNeverTookAsLostAndNeverSendItAgain(TestCluster cluster) throws Exception {
        start(cluster, keys());
        peer.failNext("POST", PERP_ORDER, Failure.beforeActing(503, "<html>503</html>", null), 1);

        send(cluster, perpetualAgent("live-4", 2), live("live-4", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.01", 2));

        List<ExecutionReport> reports = reports(cluster, has(ExecutionStatus.REJECTED, "live-4-1-0"));
        assertThat(reports).filteredOn(r -> r.getClientOrderId().equals("live-4-1-0")).singleElement().satisfies(r -> {
            assertThat(r.getRejectCode()).isEqualTo("ORDER_LOST");
            assertThat(r.getHalt()).isFalse();
        });
        assertThat(peer.count("POST", PERP_ORDER, "clientOrderId", "live-4-1-0")).isEqualTo(1);
        assertThat(account.positions()).isEmpty();
    }

    @Test
    void shouldHaltAnAgentWhoseKeysAreMissingNamingTheKey(TestCluster cluster) throws Exception {
        start(cluster, Map.of("HASHKEY_API_KEY", "live-key"));

        send(cluster, perpetualAgent("live-5", 2), live("live-5", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.01", 2));

        List<ExecutionReport> reports = reports(cluster, has(ExecutionStatus.REJECTED, "live-5-1-0"));
        assertThat(reports).filteredOn(ExecutionReport::getHalt).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getRejectReason()).contains("HASHKEY_SECRET").doesNotContain("live-key");
        });
        assertThat(peer.requests()).as("no order placed").noneMatch(r -> r.startsWith("POST " + PERP_ORDER));
    }

    @Test
    void shouldHaltAndSendNothingWhenTheVenueHoldsAPositionTheFillsDoNotExplain(TestCluster cluster) throws Exception {
        account.fund("BTC", BigDecimal.ZERO);
        LiveExecutor first = start(cluster, keys());
        send(cluster, perpetualAgent("live-6", 2), live("live-6", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.01", 2));
        reports(cluster, has(ExecutionStatus.FILLED, "live-6-1-0"));
        first.close();
        // someone trades the account by hand while the gateway is down
        placeByHand("BUY_OPEN", 5);

        start(cluster, keys());
        send(cluster, null, live("live-6", 2, OrderSide.SELL, OrderPurpose.EXIT, "0.01", 2));

        List<ExecutionReport> reports = reports(cluster, has(ExecutionStatus.REJECTED, "live-6-2-0"));
        assertThat(reports).filteredOn(ExecutionReport::getHalt).first().satisfies(r -> {
            assertThat(r.getRejectCode()).isEqualTo("RECONCILIATION_FAILED");
            assertThat(r.getRejectReason()).contains("0.015", "0.01");
        });
        assertThat(peer.count("POST", PERP_ORDER, "clientOrderId", "live-6-2-0")).isZero();
    }

    @Test
    void shouldRefuseAndHaltWhenTheLeverageIsAboveTheVenuesCap(TestCluster cluster) throws Exception {
        peer.maxLeverage("BTCUSDT-PERPETUAL", 20);
        start(cluster, keys());

        send(cluster, perpetualAgent("live-7", 50), live("live-7", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.01", 50));

        List<ExecutionReport> reports = reports(cluster, list -> list.stream().anyMatch(ExecutionReport::getHalt));
        assertThat(reports).filteredOn(ExecutionReport::getHalt).first().satisfies(r -> {
            assertThat(r.getRejectCode()).isEqualTo("LEVERAGE_ABOVE_VENUE_CAP");
            assertThat(r.getRejectReason()).contains("cap of 20x");
        });
        assertThat(peer.requests()).as("no order placed").noneMatch(r -> r.startsWith("POST " + PERP_ORDER));
    }

    @Test
    void shouldCatchUpByRestOnFillsMadeWhileThePrivateStreamWasDown(TestCluster cluster) throws Exception {
        start(cluster, keys());
        OrderIntent limit = OrderIntent.newBuilder(live("live-8", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.02", 2))
                .setType(io.agenthub.schemas.events.OrderType.LIMIT).setLimitPrice(Decimals.toWire(new BigDecimal("22000"))).build();
        send(cluster, perpetualAgent("live-8", 2), limit);
        reports(cluster, has(ExecutionStatus.ACKNOWLEDGED, "live-8-1-0"));

        peer.dropUserStreams();
        peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("22000"), new BigDecimal("50"));

        List<ExecutionReport> reports = reports(cluster, has(ExecutionStatus.FILLED, "live-8-1-0"));
        assertThat(reports).filteredOn(r -> r.getClientOrderId().equals("live-8-1-0") && r.getLastQuantity() != null).singleElement()
                .satisfies(r -> {
                    assertThat(r.getLastQuantity()).isEqualByComparingTo("0.02");
                    assertThat(r.getLastPrice()).isEqualByComparingTo("22000");
                    assertThat(r.getLiquidity().name()).isEqualTo("MAKER");
                });
    }

    @Test
    void shouldNotSendAnEntryDecidedTooLongAgo(TestCluster cluster) throws Exception {
        start(cluster, keys());
        OrderIntent old = OrderIntent.newBuilder(live("live-9", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.01", 2))
                .setEventTime(Instant.now().minusSeconds(120)).build();

        send(cluster, perpetualAgent("live-9", 2), old);

        List<ExecutionReport> reports = reports(cluster, has(ExecutionStatus.REJECTED, "live-9-1-0"));
        assertThat(reports).filteredOn(r -> r.getClientOrderId().equals("live-9-1-0")).singleElement()
                .satisfies(r -> assertThat(r.getRejectCode()).isEqualTo("STALE"));
        assertThat(peer.requests()).as("no order placed").noneMatch(r -> r.startsWith("POST " + PERP_ORDER));
    }

    @Test
    void shouldGuardALivePerpetualPositionAtTheVenueWithAStopThatFollowsTheAgentsStopLoss(TestCluster cluster) throws Exception {
        entered(cluster, "live-11", OrderSide.BUY);

        position(cluster, "live-11", io.agenthub.schemas.events.PositionEventKind.OPENED, "0.02", "22540", "24000", "23000");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(account.order("live-11-1-1")).hasValueSatisfying(o -> assertThat(o.stopPrice()).isEqualByComparingTo("22540"));
            assertThat(account.order("live-11-1-2")).hasValueSatisfying(o -> assertThat(o.stopPrice()).isEqualByComparingTo("24000"));
        });
        // the supervisor tightens the stop: the venue's stop moves with it, the take-profit stays where it is
        position(cluster, "live-11", io.agenthub.schemas.events.PositionEventKind.CHANGED, "0.02", "22800", "24000", "23000");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(account.order("live-11-1-3")).hasValueSatisfying(o -> {
            assertThat(o.status()).isEqualTo("ORDER_NEW");
            assertThat(o.stopPrice()).isEqualByComparingTo("22800");
        }));
        assertThat(account.order("live-11-1-1")).map(o -> o.status()).contains("ORDER_CANCELED");
        assertThat(account.order("live-11-1-2")).map(o -> o.status()).contains("ORDER_NEW");

        // the hub is not watching, the price falls through the stop: the venue closes the position, and the
        // take-profit is cancelled at once
        peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("22790"), BigDecimal.TEN);

        List<ExecutionReport> reports = reports(cluster, has(ExecutionStatus.FILLED, "live-11-1-3"));
        assertThat(reports).filteredOn(r -> r.getClientOrderId().equals("live-11-1-3") && r.getLastQuantity() != null).singleElement()
                .satisfies(r -> assertThat(r.getLastQuantity()).isEqualByComparingTo("0.02"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(account.positions()).isEmpty();
            assertThat(account.order("live-11-1-2")).map(o -> o.status()).contains("ORDER_CANCELED");
        });
        assertThat(reports(cluster, has(ExecutionStatus.CANCELLED, "live-11-1-2"))).filteredOn(r -> r.getClientOrderId().equals("live-11-1-2"))
                .noneMatch(r -> r.getLastQuantity() != null);
    }

    @Test
    void shouldTakeTheProfitAtTheVenueAndCancelTheStopWhenThePriceReachesTheTarget(TestCluster cluster) throws Exception {
        entered(cluster, "live-13", OrderSide.SELL);
        // a short: its stop above the market, its target below
        shortPosition(cluster, "live-13", io.agenthub.schemas.events.PositionEventKind.OPENED, "0.02", "23460", "22000", "23000");
        await().atMost(Duration.ofSeconds(10)).until(() -> account.order("live-13-1-2").isPresent());
        // the agent adds to its short: both orders follow the quantity
        filled(cluster, live("live-13", 2, OrderSide.SELL, OrderPurpose.ENTRY, "0.01", 2));
        shortPosition(cluster, "live-13", io.agenthub.schemas.events.PositionEventKind.CHANGED, "0.03", "23460", "22000", "23000");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(account.order("live-13-1-3")).hasValueSatisfying(o -> assertThat(o.origQty()).isEqualByComparingTo("30"));
            assertThat(account.order("live-13-1-4")).hasValueSatisfying(o -> assertThat(o.origQty()).isEqualByComparingTo("30"));
        });
        assertThat(account.order("live-13-1-1")).map(o -> o.status()).contains("ORDER_CANCELED");
        assertThat(account.order("live-13-1-2")).map(o -> o.status()).contains("ORDER_CANCELED");

        // on the way down, the price passes the target with no agent watching: the venue takes the profit
        peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("22500"), BigDecimal.TEN);
        assertThat(account.order("live-13-1-4")).map(o -> o.status()).as("the target is below").contains("ORDER_NEW");
        peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("21990"), BigDecimal.TEN);

        List<ExecutionReport> reports = reports(cluster, has(ExecutionStatus.FILLED, "live-13-1-4"));
        assertThat(reports).filteredOn(r -> r.getClientOrderId().equals("live-13-1-4") && r.getLastQuantity() != null).singleElement()
                .satisfies(r -> {
                    assertThat(r.getLastQuantity()).isEqualByComparingTo("0.03");
                    assertThat(r.getSide()).isEqualTo(OrderSide.BUY);
                });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(account.order("live-13-1-3")).map(o -> o.status())
                .contains("ORDER_CANCELED"));
        assertThat(account.positions()).isEmpty();
    }

    @Test
    void shouldStillPlaceTheTakeProfitWhenTheVenueRefusesTheStopLoss(TestCluster cluster) throws Exception {
        entered(cluster, "live-15", OrderSide.BUY);
        peer.failNext("POST", PERP_ORDER, Failure.beforeActing(400, "{\"code\":\"-1130\",\"msg\":\"Data sent for parameter 'stopPrice' is not valid.\"}",
                null), 1);

        position(cluster, "live-15", io.agenthub.schemas.events.PositionEventKind.OPENED, "0.02", "22540", "24000", "23000");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(account.order("live-15-1-2"))
                .hasValueSatisfying(o -> assertThat(o.stopPrice()).isEqualByComparingTo("24000")));
        assertThat(account.order("live-15-1-1")).as("refused, never placed").isEmpty();
    }

    @Test
    void shouldPlaceNoVenueStopForALevelThePriceHasAlreadyPassed(TestCluster cluster) throws Exception {
        entered(cluster, "live-14", OrderSide.BUY);

        // the supervisor moved the target under the price: a sell stop there would wait for the price to come back down
        position(cluster, "live-14", io.agenthub.schemas.events.PositionEventKind.OPENED, "0.02", "22540", "22900", "23000");
        await().atMost(Duration.ofSeconds(10)).until(() -> account.order("live-14-1-1").isPresent());
        position(cluster, "live-14", io.agenthub.schemas.events.PositionEventKind.CLOSED, "0.02", "22540", "22900", "23000");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(account.order("live-14-1-1")).map(o -> o.status())
                .contains("ORDER_CANCELED"));
        assertThat(account.orders()).filteredOn(o -> o.clientOrderId().startsWith("live-14-1-")).extracting(o -> o.clientOrderId())
                .containsExactlyInAnyOrder("live-14-1-0", "live-14-1-1");
    }

    @Test
    void shouldTakeTheVenuesStopAwayBeforeTheAgentClosesThePositionItself(TestCluster cluster) throws Exception {
        entered(cluster, "live-12", OrderSide.BUY);
        position(cluster, "live-12", io.agenthub.schemas.events.PositionEventKind.OPENED, "0.02", "22540", "24000", "23000");
        await().atMost(Duration.ofSeconds(10)).until(() -> account.order("live-12-1-2").isPresent());

        filled(cluster, live("live-12", 2, OrderSide.SELL, OrderPurpose.EXIT, "0.02", 2));
        assertThat(account.order("live-12-1-1")).map(o -> o.status()).contains("ORDER_CANCELED");
        assertThat(account.order("live-12-1-2")).map(o -> o.status()).contains("ORDER_CANCELED");
        assertThat(account.positions()).isEmpty();
    }

    @Test
    void shouldNeverPutTheKeyOrSecretInALogLineARecordOrAReport(TestCluster cluster) throws Exception {
        ch.qos.logback.classic.Logger gateway = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.agenthub.gateway");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        gateway.addAppender(logs);
        ch.qos.logback.classic.Level level = gateway.getLevel();
        gateway.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            start(cluster, keys());
            peer.failNext("POST", PERP_ORDER, Failure.afterActing(503), 1);
            peer.failNext("GET", "/api/v1/futures/order", Failure.beforeActing(400, "{\"code\":\"0001\",\"msg\":\"Incorrect signature\"}", null), 1);
            send(cluster, perpetualAgent("live-10", 2), live("live-10", 1, OrderSide.BUY, OrderPurpose.ENTRY, "0.01", 2));
            reports(cluster, has(ExecutionStatus.FILLED, "live-10-1-0"));
            peer.dropUserStreams();
            filled(cluster, live("live-10", 2, OrderSide.SELL, OrderPurpose.EXIT, "0.01", 2));
        } finally {
            gateway.detachAppender(logs);
            gateway.setLevel(level);
        }

        java.util.regex.Pattern leak = java.util.regex.Pattern.compile("live-key|live-secret");
        List<String> lines = logs.list.stream().map(e -> {
            StringBuilder line = new StringBuilder(e.getFormattedMessage());
            for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            return line.toString();
        }).toList();
        assertThat(lines).as("the gateway said something").hasSizeGreaterThan(3);
        assertThat(lines).noneMatch(line -> leak.matcher(line).find());
        int records = 0;
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "group.id", "leak-scan-" + System.nanoTime(), "auto.offset.reset", "earliest"),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(cluster.topics().prefix()) + ".*"));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && (records == 0 || empty < 2)) {
                var polled = consumer.poll(Duration.ofMillis(500));
                empty = polled.isEmpty() ? empty + 1 : 0;
                for (var record : polled) {
                    records++;
                    String text = (record.key() == null ? "" : new String(record.key(), java.nio.charset.StandardCharsets.ISO_8859_1))
                            + (record.value() == null ? "" : new String(record.value(), java.nio.charset.StandardCharsets.ISO_8859_1));
                    assertThat(leak.matcher(text).find()).as(record.topic()).isFalse();
                }
            }
        }
        assertThat(records).as("reports and the journal were scanned").isGreaterThan(4);
    }

    /** A live perpetual agent, leverage 2, that entered with 0.02 BTC at the venue (its order {@code <agent>-1-0} filled). */
    private void entered(TestCluster cluster, String agent, OrderSide side) throws Exception {
        start(cluster, keys());
        send(cluster, perpetualAgent(agent, 2), live(agent, 1, side, OrderPurpose.ENTRY, "0.02", 2));
        reports(cluster, has(ExecutionStatus.FILLED, agent + "-1-0"));
    }

    /** Sends an intent of an agent already configured, and waits for its order to fill. */
    private static void filled(TestCluster cluster, OrderIntent intent) throws Exception {
        send(cluster, null, intent);
        reports(cluster, has(ExecutionStatus.FILLED, intent.getClientOrderId()));
    }

    /** The position event the processor publishes for a long, with the agent's levels and the price it saw. */
    private static void position(TestCluster cluster, String agent, io.agenthub.schemas.events.PositionEventKind kind, String quantity, String stop,
                                 String target, String mark) throws Exception {
        position(cluster, agent, io.agenthub.schemas.events.PositionSide.LONG, kind, quantity, stop, target, mark);
    }

    private static void shortPosition(TestCluster cluster, String agent, io.agenthub.schemas.events.PositionEventKind kind, String quantity,
                                      String stop, String target, String mark) throws Exception {
        position(cluster, agent, io.agenthub.schemas.events.PositionSide.SHORT, kind, quantity, stop, target, mark);
    }

    private static void position(TestCluster cluster, String agent, io.agenthub.schemas.events.PositionSide side,
                                 io.agenthub.schemas.events.PositionEventKind kind, String quantity, String stop, String target, String mark)
            throws Exception {
        var topic = cluster.topics().positionsEvents();
        var event = io.agenthub.schemas.events.PositionEvent.newBuilder()
                .setEventId("position-" + agent + "-" + System.nanoTime())
                .setEventTime(Instant.now())
                .setCausationId(null)
                .setAgentId(agent)
                .setPositionId(agent + "-p1")
                .setSymbol("BTC/USDT")
                .setKind(kind)
                .setSide(side)
                .setQuantity(Decimals.toWire(new BigDecimal(quantity)))
                .setAverageEntryPrice(Decimals.toWire(new BigDecimal("23000")))
                .setMarkPrice(Decimals.toWire(new BigDecimal(mark)))
                .setRealizedPnl(Decimals.toWire(BigDecimal.ZERO))
                .setUnrealizedPnl(Decimals.toWire(BigDecimal.ZERO))
                .setFees(Decimals.toWire(BigDecimal.ZERO))
                .setLeverage(2)
                .setLiquidationPrice(null)
                .setStopLoss(Decimals.toWire(new BigDecimal(stop)))
                .setTakeProfit(Decimals.toWire(new BigDecimal(target)))
                .setExitPrice(null)
                .setCloseReason(null)
                .build();
        try (var producer = cluster.producer(topic)) {
            producer.send(new ProducerRecord<>(topic.name(), agent, event)).get();
        }
    }

    /** An order placed at the venue by someone else, with the account's own keys (as a person on the venue's website would). */
    private void placeByHand(String side, int contracts) throws Exception {
        var fixture = new io.agenthub.gateway.hashkey.http.HashKeySigner("live-secret-lH3ELTNiFxCQTmi9pPcWWikhsjO04Yoqw3eu");
        String body = fixture.signedParams(new java.util.LinkedHashMap<>(Map.of("symbol", "BTCUSDT-PERPETUAL", "side", side, "type", "LIMIT",
                "priceType", "MARKET", "quantity", Integer.toString(contracts), "clientOrderId", "by-hand-" + System.nanoTime())), 5000, peer.now());
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(peer.restBaseUrl().resolve(PERP_ORDER))
                .header("X-HK-APIKEY", "live-key").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
