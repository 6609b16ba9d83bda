package io.agenthub.processor.app;

import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.kafka.KafkaSettings;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PositionEventKind;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.events.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The processor as a service on the embedded cluster: real broker, exactly once, every partition. */
@EmbeddedClusterTest
class AgentProcessorIT {

    private static ProcessorProperties properties(TestCluster cluster, Path stateDir) {
        String appId = cluster.applicationId("processor");
        return new ProcessorProperties(new KafkaSettings(cluster.bootstrapServers(), cluster.namespace() + ".", appId,
                stateDir, 1), "", 2, Duration.ofMillis(50), Duration.ofMillis(10), new BigDecimal("10000"), 64, false, "it", 100_000, org.springframework.util.unit.DataSize.ofMegabytes(64), Duration.ofDays(3));
    }

    /** The candles as the ingest publishes them: each one's four-tick path on {@code market.ticks}, then its watermark. */
    static void replay(TestCluster cluster, List<Bar> candles) {
        Topics topics = cluster.topics();
        try (KafkaProducer<String, SpecificRecord> ticks = cluster.producer(topics.marketTicks())) {
            for (Bar candle : candles) {
                for (MarketTick tick : CandleTickPath.of(candle, 8)) {
                    ticks.send(new ProducerRecord<>(topics.marketTicks().name(), "BTC/USDT", TestEvents.tick(tick)));
                }
                ticks.send(new ProducerRecord<>(topics.marketTicks().name(), "BTC/USDT", TestEvents.watermark(candle.symbol(), candle.closeTime())));
            }
            ticks.flush();
        }
    }

    private static void configure(TestCluster cluster, AgentConfig... configs) {
        Topics topics = cluster.topics();
        try (KafkaProducer<String, AgentConfig> producer = cluster.producer(topics.agentsConfig())) {
            for (AgentConfig config : configs) {
                producer.send(new ProducerRecord<>(topics.agentsConfig().name(), config.getAgentId(), config));
            }
            producer.flush();
        }
    }

    @Test
    void shouldSendEveryAgentTheBacktestsFirstOrderWhenCandlesAreReplayedThroughTheBroker(TestCluster cluster) throws Exception {
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE).subList(0, 300);
        BacktestSpec spec = BacktestSpec.defaults(Instruments.defaults().resolve("BTC/USDT"), StrategyCatalog.builtIn().require("rsi_signal"));
        var backtest = Backtest.run(spec, BarSeries.of(candles));
        assertThat(backtest.orders()).isPositive();
        Topics topics = cluster.topics();
        List<String> agents = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel");

        try (AgentProcessor processor = AgentProcessor.start(properties(cluster, cluster.stateDir("processor-1")))) {
            configure(cluster, agents.stream().map(id -> TestEvents.config(id, "rsi_signal").build()).toArray(AgentConfig[]::new));
            try (var raw = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topics.agentsConfig().name(), "alpha".getBytes(StandardCharsets.UTF_8),
                        "{not avro}".getBytes(StandardCharsets.UTF_8))).get();
            }
            replay(cluster, candles);

            List<ConsumerRecord<String, OrderIntent>> intents = cluster.read(topics.ordersIntents(), agents.size(), Duration.ofSeconds(60));
            assertThat(intents.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).as("one task per partition, each got the ticks")
                    .isEqualTo(Set.copyOf(agents));
            var first = backtest.trades().getFirst();
            assertThat(intents).allSatisfy(r -> {
                OrderIntent intent = r.value();
                assertThat(intent.getClientOrderId()).isEqualTo(r.key() + "-1-0");
                assertThat(intent.getSide().name()).isEqualTo(first.side() == io.agenthub.core.trading.PositionSide.LONG ? "BUY" : "SELL");
                assertThat(intent.getQuantity()).isEqualByComparingTo(first.quantity());
            });
            var statuses = cluster.readUntil(topics.agentsStatus(), rs -> rs.size() >= agents.size(), Duration.ofSeconds(10));
            assertThat(statuses).allSatisfy(r -> assertThat(r.value().getStatus()).isEqualTo(AgentState.RUNNING));
            assertThat(cluster.read(topics.deadLetters(topics.agentsConfig()), 1, Duration.ofSeconds(10))).singleElement()
                    .satisfies(r -> assertThat(r.value().getErrorMessage()).isNotBlank());
            double everyRecordForEveryAgent = agents.size() * candles.size() * 5.0;
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.evaluations() >= everyRecordForEveryAgent);
            assertThat(processor.evaluations()).isEqualTo(everyRecordForEveryAgent);
        }
    }

    @Test
    void shouldKeepAnAgentsOrderInFlightAcrossARestartFromTheChangelog(TestCluster cluster) throws Exception {
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE).subList(0, 300);
        Topics topics = cluster.topics();
        OrderIntent entry;
        try (AgentProcessor first = AgentProcessor.start(properties(cluster, cluster.stateDir("processor-a")))) {
            configure(cluster, TestEvents.config("a1", "rsi_signal").build());
            replay(cluster, candles);
            entry = cluster.read(topics.ordersIntents(), 1, Duration.ofSeconds(60)).getFirst().value();
        }

        // a new state directory: everything must come back from the changelog topics
        try (AgentProcessor second = AgentProcessor.start(properties(cluster, cluster.stateDir("processor-b")))) {
            try (var executions = cluster.producer(topics.ordersExecutions())) {
                executions.send(new ProducerRecord<>(topics.ordersExecutions().name(), "a1",
                        TestEvents.filled(entry, entry.getReferencePrice(), ExecutionCosts.NONE, entry.getEventTime()))).get();
            }
            var positions = cluster.read(topics.positionsEvents(), 1, Duration.ofSeconds(60));
            assertThat(positions.getFirst().value().getKind()).isEqualTo(PositionEventKind.OPENED);
            assertThat(positions.getFirst().value().getPositionId()).isEqualTo("a1-p1");
            assertThat(positions).as("opened once (the candles it then steps through mark it once a minute)")
                    .filteredOn(r -> r.value().getKind() == PositionEventKind.OPENED && r.value().getPositionId().equals("a1-p1"))
                    .hasSize(1);
            // once filled, the agent steps through the candles it held meanwhile and trades on: later decisions, never the entry again
            assertThat(cluster.read(topics.ordersIntents(), 10, Duration.ofSeconds(3))).as("no order sent twice")
                    .extracting(r -> r.value().getClientOrderId()).doesNotHaveDuplicates().startsWith("a1-1-0");
        }
    }
}
