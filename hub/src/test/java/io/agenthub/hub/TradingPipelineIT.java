package io.agenthub.hub;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Side;
import io.agenthub.gateway.app.ExecutionGateway;
import io.agenthub.gateway.app.GatewayProperties;
import io.agenthub.kafka.KafkaSettings;
import io.agenthub.processor.app.AgentProcessor;
import io.agenthub.processor.app.ProcessorProperties;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PositionEventKind;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.testkit.events.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trading pipeline on the broker: replayed candles → agent processor → order intents → paper venue → fills →
 * positions. Every fill is at the first price at or after its decision, with the agent's slippage and fee: the
 * backtest's fill, however the two services were scheduled and however fast the candles come (trades as a whole are
 * {@link ReplayParityIT}'s).
 */
@EmbeddedClusterTest
class TradingPipelineIT {

    @Test
    void shouldTradeThroughThePaperVenueAtTheBacktestsPricesWhenCandlesAreReplayed(TestCluster cluster) throws Exception {
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE).subList(0, 600);
        Topics topics = cluster.topics();
        var processorProps = new ProcessorProperties(new KafkaSettings(cluster.bootstrapServers(), topics.prefix(),
                cluster.applicationId("processor"), cluster.stateDir("processor"), 1), "", 1, Duration.ofMillis(50), Duration.ofMillis(10),
                new BigDecimal("10000"), 64, false, "it", 100_000, org.springframework.util.unit.DataSize.ofMegabytes(64), Duration.ofDays(3));
        var gatewayProps = GatewayProperties.on(new KafkaSettings(cluster.bootstrapServers(), topics.prefix(),
                cluster.applicationId("gateway"), cluster.stateDir("gateway"), 1));
        AgentConfig config = AgentConfigs.paper("pipe-1", "z_score").build();

        try (AgentProcessor processor = AgentProcessor.start(processorProps); ExecutionGateway gateway = ExecutionGateway.start(gatewayProps)) {
            try (KafkaProducer<String, AgentConfig> configs = cluster.producer(topics.agentsConfig())) {
                configs.send(new ProducerRecord<>(topics.agentsConfig().name(), config.getAgentId(), config)).get();
            }
            try (KafkaProducer<String, SpecificRecord> ticks = cluster.producer(topics.marketTicks())) {
                for (Bar candle : candles) {
                    for (MarketTick tick : CandleTickPath.of(candle, 8)) {
                        ticks.send(new ProducerRecord<>(topics.marketTicks().name(), "BTC/USDT", TestEvents.tick(tick)));
                    }
                    ticks.send(new ProducerRecord<>(topics.marketTicks().name(), "BTC/USDT", TestEvents.watermark(candle.symbol(), candle.closeTime())));
                }
            }

            var closed = cluster.readUntil(topics.positionsEvents(),
                    events -> events.stream().filter(e -> e.value().getKind() == PositionEventKind.CLOSED).count() >= 3, Duration.ofSeconds(60));
            assertThat(closed.stream().filter(e -> e.value().getKind() == PositionEventKind.CLOSED)).as("round trips; intents %s, executions %s, statuses %s",
                    cluster.readUntil(topics.ordersIntents(), r -> false, Duration.ofSeconds(1)).size(),
                    cluster.readUntil(topics.ordersExecutions(), r -> false, Duration.ofSeconds(1)).stream().map(r -> r.value().getStatus() + " " + r.value().getRejectReason()).toList(),
                    cluster.readUntil(topics.agentsStatus(), r -> false, Duration.ofSeconds(1)).stream().map(r -> r.value().getStatus() + " " + r.value().getReason()).toList())
                    .hasSizeGreaterThanOrEqualTo(3);

            Map<String, OrderIntent> intents = cluster.readUntil(topics.ordersIntents(), r -> false, Duration.ofSeconds(3)).stream()
                    .collect(Collectors.toMap(r -> r.value().getClientOrderId(), ConsumerRecord::value));
            List<ExecutionReport> fills = cluster.readUntil(topics.ordersExecutions(), r -> false, Duration.ofSeconds(3)).stream()
                    .map(ConsumerRecord::value).filter(r -> r.getStatus() == ExecutionStatus.FILLED).toList();
            assertThat(fills).hasSizeGreaterThanOrEqualTo(6);

            TreeMap<Long, BigDecimal> prices = new TreeMap<>();
            candles.forEach(c -> CandleTickPath.of(c, 8).forEach(t -> prices.putIfAbsent(t.time().toEpochMilli(), t.price())));
            ExecutionCosts costs = ExecutionCosts.standard();
            for (ExecutionReport fill : fills) {
                OrderIntent intent = intents.get(fill.getClientOrderId());
                var first = prices.ceilingEntry(intent.getEventTime().toEpochMilli());
                assertThat(fill.getEventTime().toEpochMilli()).as("filled at the first tick after its decision: %s", fill.getClientOrderId())
                        .isEqualTo(first.getKey());
                assertThat(fill.getLastPrice()).as("price of %s", fill.getClientOrderId())
                        .isEqualByComparingTo(costs.slipped(Side.valueOf(intent.getSide().name()), first.getValue(), 2));
                assertThat(fill.getFee()).isEqualByComparingTo(costs.fee(Decimals.fromWire(fill.getLastPrice())
                        .multiply(Decimals.fromWire(fill.getLastQuantity())), io.agenthub.core.trading.Liquidity.TAKER));
            }
            List<ExecutionReport> reports = cluster.readUntil(topics.ordersExecutions(), r -> false, Duration.ofSeconds(1)).stream()
                    .map(ConsumerRecord::value).toList();
            // an intent that reaches the venue before the tick of its decision is acknowledged, then filled at that tick
            assertThat(reports).as("nothing refused").extracting(ExecutionReport::getStatus)
                    .allSatisfy(status -> assertThat(status).isIn(ExecutionStatus.ACKNOWLEDGED, ExecutionStatus.FILLED));
            assertThat(fills).extracting(ExecutionReport::getClientOrderId).as("every order filled once").doesNotHaveDuplicates()
                    .containsAll(reports.stream().map(ExecutionReport::getClientOrderId).distinct().toList());
            assertThat(gateway.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
            assertThat(processor.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        }
    }

}
