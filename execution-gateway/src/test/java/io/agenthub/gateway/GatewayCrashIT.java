package io.agenthub.gateway;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.venue.PaperVenue;
import io.agenthub.gateway.app.ExecutionGatewayApplication;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.OrderPurpose;
import io.agenthub.schemas.events.OrderSide;
import io.agenthub.schemas.orders.OrderEvents;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.testkit.events.OrderIntents;
import io.agenthub.testkit.events.TestEvents;
import io.agenthub.testkit.hashkey.exchange.Account;
import io.agenthub.testkit.hashkey.exchange.HashKeyExchangePeer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway killed abruptly (SIGKILL of its process) between sending an order and recording what became of it, and
 * started again: no order sent twice, no fill lost or reported twice, against the HashKey protocol peer and at the
 * paper venue.
 */
@EmbeddedClusterTest
class GatewayCrashIT {

    private static final String KEY = "crash-key";
    private static final String SECRET = "crash-secret-lH3ELTNiFxCQTmi9pPcWWikhsjO04Yoqw3euoHU";
    private static final String PERP_ORDER = "/api/v1/futures/order";

    @Test
    void shouldNeitherResendNorLoseTheFillWhenKilledBetweenSendingALiveOrderAndRecordingItsOutcome(TestCluster cluster) throws Exception {
        try (HashKeyExchangePeer peer = new HashKeyExchangePeer()) {
            Account account = peer.account(KEY, SECRET);
            account.fundFutures(new BigDecimal("100000"));
            peer.trade("BTCUSDT-PERPETUAL", new BigDecimal("23000"), BigDecimal.TEN);
            Topics topics = cluster.topics();
            AgentConfig config = AgentConfigs.paper("crash-live", "rsi_signal").setLiveMode(true)
                    .setRisk(AgentConfigs.risk("1000", "2", "4", 3).setAllowShort(true).build()).build();
            OrderIntent entry = live(1, OrderSide.BUY, OrderPurpose.ENTRY);
            Path log = Files.createTempFile("gateway-crash-live", ".log");
            Path state = cluster.stateDir("crash-live-gateway");

            Process first = launch(cluster, "crash-live-gateway", state, peer, log);
            HashKeyExchangePeer.Hold hold = peer.holdNext("POST", PERP_ORDER);
            try {
                send(cluster, config, entry);
                assertThat(hold.awaitArrived(Duration.ofSeconds(90))).as("the order reached the venue; see %s", log).isTrue();
            } finally {
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                hold.release();
            }
            assertThat(account.positions()).as("the venue took the order; its reply never came back").isNotEmpty();
            assertThat(reports(cluster, "crash-live-1-0", Duration.ofSeconds(2))).as("nothing recorded before the kill").isEmpty();

            Process second = launch(cluster, "crash-live-gateway", state, peer, log);
            try {
                List<ExecutionReport> reports = awaitReport(cluster, "crash-live-1-0", ExecutionStatus.FILLED, Duration.ofSeconds(90), log);
                send(cluster, null, live(2, OrderSide.SELL, OrderPurpose.EXIT));
                awaitReport(cluster, "crash-live-2-0", ExecutionStatus.FILLED, Duration.ofSeconds(60), log);
                Thread.sleep(3_000);

                reports = reports(cluster, "crash-live-1-0", Duration.ofSeconds(3));
                assertThat(reports).as("one fill of the entry, see %s", log).filteredOn(r -> r.getLastQuantity() != null).singleElement()
                        .satisfies(r -> {
                            assertThat(r.getStatus()).isEqualTo(ExecutionStatus.FILLED);
                            assertThat(r.getLastQuantity()).as("43 contracts").isEqualByComparingTo("0.043");
                            assertThat(r.getLastPrice()).isEqualByComparingTo("23000");
                        });
                assertThat(peer.count("POST", PERP_ORDER, "clientOrderId", "crash-live-1-0")).as("never sent twice").isEqualTo(1);
                assertThat(peer.count("POST", PERP_ORDER, "clientOrderId", "crash-live-2-0")).isEqualTo(1);
                assertThat(account.positions()).as("the exit closed what the entry opened").isEmpty();
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void shouldFillEveryPaperOrderExactlyOnceAtTheSamePriceWhenKilledMidStreamAndRestarted(TestCluster cluster) throws Exception {
        Symbol btc = Symbol.parse("BTC/USDT");
        Instant start = Instant.parse("2023-03-01T00:00:00Z");
        int agents = 40;
        int ticks = 600;
        Topics topics = cluster.topics();
        List<AgentConfig> configs = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            configs.add(AgentConfigs.paper("paper-crash-" + a, "rsi_signal").build());
        }
        // each agent enters and leaves again and again: an order every few ticks, decided between them
        List<Object> input = new ArrayList<>();
        Map<String, Integer> sequence = new HashMap<>();
        for (int t = 0; t < ticks; t++) {
            BigDecimal price = new BigDecimal(23000 + (t % 50) * 3 - (t % 7) * 11).setScale(2);
            MarketTick tick = MarketTick.trade(btc, start.plusSeconds(t), price, BigDecimal.ONE, "c" + t);
            input.add(tick);
            String agent = "paper-crash-" + (t % agents);
            int n = sequence.merge(agent, 1, Integer::sum);
            input.add(OrderIntents.market(agent, n, n % 2 == 1 ? OrderSide.BUY : OrderSide.SELL, n % 2 == 1 ? OrderPurpose.ENTRY : OrderPurpose.EXIT,
                    start.plusSeconds(t).plusMillis(500), "0.01").build());
        }
        Map<String, String> expected = expectedFills(configs, input);

        try (KafkaProducer<String, AgentConfig> producer = cluster.producer(topics.agentsConfig())) {
            configs.forEach(c -> producer.send(new ProducerRecord<>(topics.agentsConfig().name(), c.getAgentId(), c)));
        }
        Path log = Files.createTempFile("gateway-crash-paper", ".log");
        Path state = cluster.stateDir("crash-paper-gateway");
        Process first = launch(cluster, "crash-paper-gateway", state, null, log);
        try {
            try (KafkaProducer<String, SpecificRecord> ticksOut = cluster.producer(topics.marketTicks());
                 KafkaProducer<String, OrderIntent> intentsOut = cluster.producer(topics.ordersIntents())) {
                // one millisecond apart, in input order: the venue takes its two inputs in timestamp order, and records sent
                // within the same millisecond could come in either, an exit before the tick that fills its entry (refused as
                // reducing nothing), which a real agent never sends before its entry's fill
                long timestamp = System.currentTimeMillis();
                for (Object record : input) {
                    if (record instanceof OrderIntent intent) {
                        intentsOut.send(new ProducerRecord<>(topics.ordersIntents().name(), null, timestamp++, intent.getAgentId(), intent));
                    } else {
                        ticksOut.send(new ProducerRecord<>(topics.marketTicks().name(), null, timestamp++, "BTC/USDT",
                                TestEvents.tick((MarketTick) record)));
                    }
                }
            }
            List<ConsumerRecord<String, ExecutionReport>> before = cluster.read(topics.ordersExecutions(), expected.size() / 4,
                    Duration.ofSeconds(90));
            assertThat(before.size()).as("progress before the kill; see %s", log).isGreaterThanOrEqualTo(expected.size() / 4);
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        int committed = cluster.read(topics.ordersExecutions(), expected.size(), Duration.ofSeconds(2)).size();
        assertThat(committed).as("killed before the end").isLessThan(expected.size());

        Process second = launch(cluster, "crash-paper-gateway", state, null, log);
        try {
            // until every order has a fill (acknowledgements count as records too, so a count alone can come early)
            cluster.readUntil(topics.ordersExecutions(), records -> records.stream().map(ConsumerRecord::value)
                    .filter(r -> r.getStatus() != ExecutionStatus.ACKNOWLEDGED).map(ExecutionReport::getClientOrderId)
                    .collect(Collectors.toSet()).containsAll(expected.keySet()), Duration.ofSeconds(120));
            Thread.sleep(2_000);
            List<ExecutionReport> reports = cluster.read(topics.ordersExecutions(), expected.size() + 1, Duration.ofSeconds(5)).stream()
                    .map(ConsumerRecord::value).toList();

            // whether an order was acknowledged before it filled depends on whether its decision's tick was in yet: only fills count
            Map<String, String> actual = reports.stream().filter(r -> r.getStatus() != ExecutionStatus.ACKNOWLEDGED)
                    .collect(Collectors.groupingBy(ExecutionReport::getClientOrderId, TreeMap::new,
                            Collectors.mapping(GatewayCrashIT::fillOf, Collectors.joining(" | "))));
            assertThat(actual).as("one fill per order, each the fill of an uninterrupted venue; see %s", log)
                    .containsExactlyEntriesOf(new TreeMap<>(expected));
            assertThat(reports.stream().filter(r -> r.getStatus() == ExecutionStatus.ACKNOWLEDGED)
                    .collect(Collectors.groupingBy(ExecutionReport::getClientOrderId, Collectors.counting())))
                    .as("acknowledged at most once").allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** What a paper venue that never stopped reports for the same input. */
    private static Map<String, String> expectedFills(List<AgentConfig> configs, List<Object> input) {
        PaperVenue venue = PaperVenue.inMemory(Instruments.defaults(), PaperVenue.Settings.defaults());
        Map<String, String> fills = new TreeMap<>();
        venue.subscribe(u -> {
            if (u.execution() != null || !u.order().isOpen()) {
                fills.merge(u.order().clientOrderId().value(), fillOf(OrderEvents.report(u.account(), "paper", u.order(), u.execution(), null,
                        "x")), (a, b) -> a + " | " + b);
            }
        });
        configs.forEach(c -> venue.open(c.getAgentId(), ExecutionCosts.standard(), new BigDecimal("10000")));
        for (Object record : input) {
            if (record instanceof OrderIntent intent) {
                venue.broker(intent.getAgentId()).submit(OrderEvents.command(intent));
            } else {
                venue.onTick((MarketTick) record);
            }
        }
        return fills;
    }

    private static String fillOf(ExecutionReport r) {
        if (r.getStatus() == ExecutionStatus.REJECTED) {
            return r.getStatus() + " " + r.getRejectCode() + ": " + r.getRejectReason();
        }
        return r.getStatus() + (r.getLastPrice() == null ? "" : " " + Decimals.fromWire(r.getLastPrice()).toPlainString() + " x "
                + Decimals.fromWire(r.getLastQuantity()).toPlainString() + " fee " + Decimals.fromWire(r.getFee()).toPlainString()
                + " at " + r.getEventTime().toEpochMilli());
    }

    private static OrderIntent live(long sequence, OrderSide side, OrderPurpose purpose) {
        return OrderIntents.market("crash-live", sequence, side, purpose, Instant.now(), "0.0437").setLiveMode(true).setLeverage(3)
                .setReferencePrice(Decimals.toWire(new BigDecimal("23000"))).build();
    }

    private static void send(TestCluster cluster, AgentConfig config, OrderIntent intent) throws Exception {
        Topics topics = cluster.topics();
        try (KafkaProducer<String, AgentConfig> configs = cluster.producer(topics.agentsConfig());
             KafkaProducer<String, OrderIntent> orders = cluster.producer(topics.ordersIntents())) {
            if (config != null) {
                configs.send(new ProducerRecord<>(topics.agentsConfig().name(), config.getAgentId(), config)).get();
            }
            orders.send(new ProducerRecord<>(topics.ordersIntents().name(), intent.getAgentId(), intent)).get();
        }
    }

    private static List<ExecutionReport> reports(TestCluster cluster, String clientOrderId, Duration wait) {
        return cluster.readUntil(cluster.topics().ordersExecutions(), list -> false, wait).stream().map(ConsumerRecord::value)
                .filter(r -> r.getClientOrderId().equals(clientOrderId)).toList();
    }

    private static List<ExecutionReport> awaitReport(TestCluster cluster, String clientOrderId, ExecutionStatus status, Duration wait, Path log) {
        List<ExecutionReport> reports = cluster.readUntil(cluster.topics().ordersExecutions(), list -> list.stream()
                .anyMatch(r -> r.value().getClientOrderId().equals(clientOrderId) && r.value().getStatus() == status), wait).stream()
                .map(ConsumerRecord::value).filter(r -> r.getClientOrderId().equals(clientOrderId)).toList();
        assertThat(reports).as("%s %s; see %s", clientOrderId, status, log).anyMatch(r -> r.getStatus() == status);
        return reports;
    }

    /** The gateway in a process of its own, the way a container runs it; {@code peer}: live orders go to it. */
    private static Process launch(TestCluster cluster, String application, Path stateDir, HashKeyExchangePeer peer, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ExecutionGatewayApplication.class.getName(),
                "--agenthub.gateway.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--agenthub.gateway.kafka.topic-prefix=" + cluster.topics().prefix(),
                "--agenthub.gateway.kafka.application-id=" + cluster.applicationId(application),
                "--agenthub.gateway.kafka.state-dir=" + stateDir,
                "--agenthub.gateway.live.unknown-retry=300ms",
                "--agenthub.gateway.live.sweep=2s",
                "--spring.main.banner-mode=off"));
        if (peer != null) {
            command.add("--agenthub.gateway.live.hashkey.rest-url=" + peer.restBaseUrl());
            command.add("--agenthub.gateway.live.hashkey.ws-url=" + peer.wsBaseUrl());
            command.add("--agenthub.gateway.live.hashkey.timeout=3s");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("HASHKEY_API_KEY", KEY);
        builder.environment().put("HASHKEY_SECRET", SECRET);
        return builder.start();
    }
}
