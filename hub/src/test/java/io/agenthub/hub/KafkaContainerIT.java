package io.agenthub.hub;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.gateway.app.ExecutionGateway;
import io.agenthub.gateway.app.GatewayProperties;
import io.agenthub.kafka.KafkaSettings;
import io.agenthub.kafka.topics.ProvisionTopics;
import io.agenthub.processor.app.AgentProcessor;
import io.agenthub.processor.app.ProcessorProperties;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.PositionEventKind;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.KafkaRecords;
import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.testkit.events.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A piece of the real pipeline on a broker that Testcontainers starts: {@code KafkaContainer} with the
 * {@code apache/kafka} image of the project's Kafka version (built here by {@code bin/build-infra-images} where no
 * registry answers, else the one pulled), the catalogue's topics provisioned by {@link ProvisionTopics}, and the agent
 * processor and the execution gateway's paper venue as the services run them. Real candles go in as ticks; the
 * agent's orders come back filled and its positions open and close. Where no Docker engine can start, the test skips
 * and says why.
 */
class KafkaContainerIT {

    /** The official image's name with the tag of the Kafka the project builds against. */
    static final String KAFKA_IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

    private static boolean startedEngine;

    @BeforeAll
    static void engineAndImage() throws Exception {
        startedEngine = !Scripts.engineAnswers();
        Scripts.Ran engine = Scripts.engineUp();
        Assumptions.assumeTrue(engine.status() == 0, "no Docker engine can start on this machine, so Kafka in a container is not "
                + "tested here (the embedded broker covers the same pipeline): " + engine.output().strip());
        Scripts.Ran image = Scripts.run(Duration.ofMinutes(10), "bin/build-infra-images", "kafka");
        assertThat(image.status()).as("bin/build-infra-images: %s", image.output()).isZero();
        System.out.print(image.output());
    }

    @AfterAll
    static void stopEngine() throws Exception {
        if (startedEngine) {
            Scripts.engineDown();
        }
    }

    @Test
    void shouldFillAPaperAgentsOrdersWhenThePipelineRunsOnAKafkaContainer(@TempDir Path state) throws Exception {
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE).subList(0, 400);
        try (KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE)).withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms384m")) {
            kafka.start();
            String bootstrap = kafka.getBootstrapServers();
            List<String> created = ProvisionTopics.provision(ProvisionTopics.Settings.parse("--bootstrap-servers=" + bootstrap), System.out);
            Topics topics = Topics.standard();
            assertThat(created).hasSize(topics.all(List.of(Timeframe.ONE_SECOND, Timeframe.ONE_MINUTE)).size());

            var processorProps = new ProcessorProperties(new KafkaSettings(bootstrap, "", "tc-processor", state.resolve("processor"), 1),
                    "", 1, Duration.ofMillis(50), Duration.ofMillis(10), new BigDecimal("10000"), 64, false, "kafka-container", 100_000, org.springframework.util.unit.DataSize.ofMegabytes(64), Duration.ofDays(3));
            var gatewayProps = GatewayProperties.on(new KafkaSettings(bootstrap, "", "tc-gateway", state.resolve("gateway"), 1));
            AgentConfig config = AgentConfigs.paper("container-1", "z_score").build();
            try (AgentProcessor processor = AgentProcessor.start(processorProps); ExecutionGateway gateway = ExecutionGateway.start(gatewayProps)) {
                try (KafkaProducer<String, AgentConfig> configs = KafkaRecords.producer(bootstrap, topics.agentsConfig())) {
                    configs.send(new ProducerRecord<>(topics.agentsConfig().name(), config.getAgentId(), config)).get();
                }
                try (KafkaProducer<String, SpecificRecord> ticks = KafkaRecords.producer(bootstrap, topics.marketTicks())) {
                    for (Bar candle : candles) {
                        for (MarketTick tick : CandleTickPath.of(candle, 8)) {
                            ticks.send(new ProducerRecord<>(topics.marketTicks().name(), "BTC/USDT", TestEvents.tick(tick)));
                        }
                        ticks.send(new ProducerRecord<>(topics.marketTicks().name(), "BTC/USDT", TestEvents.watermark(candle.symbol(), candle.closeTime())));
                        // a minute of market in 40 ms: slower than an order's round trip through both services
                        Thread.sleep(40);
                    }
                }

                List<PositionEvent> positions = KafkaRecords.readUntil(bootstrap, topics.positionsEvents(),
                        records -> records.stream().anyMatch(r -> r.value().getKind() == PositionEventKind.CLOSED), Duration.ofSeconds(60))
                        .stream().map(ConsumerRecord::value).toList();
                List<OrderIntent> intents = KafkaRecords.readToEnd(bootstrap, topics.ordersIntents(), Duration.ofSeconds(10));
                List<ExecutionReport> executions = KafkaRecords.readToEnd(bootstrap, topics.ordersExecutions(), Duration.ofSeconds(10));
                assertThat(positions).as("positions; intents %d, executions %s", intents.size(),
                        executions.stream().map(e -> e.getStatus() + " " + e.getRejectReason()).toList())
                        .anySatisfy(p -> assertThat(p.getKind()).isEqualTo(PositionEventKind.OPENED))
                        .anySatisfy(p -> assertThat(p.getKind()).isEqualTo(PositionEventKind.CLOSED));
                Set<String> ordered = intents.stream().map(OrderIntent::getClientOrderId).collect(Collectors.toSet());
                // an intent that reaches the venue before the tick of its decision is acknowledged, then filled at that tick
                assertThat(executions).as("executions of orders the agent placed, none refused").isNotEmpty()
                        .allSatisfy(e -> {
                            assertThat(e.getStatus()).isIn(ExecutionStatus.ACKNOWLEDGED, ExecutionStatus.FILLED);
                            assertThat(ordered).contains(e.getClientOrderId());
                        });
                assertThat(executions.stream().filter(e -> e.getStatus() == ExecutionStatus.FILLED).map(ExecutionReport::getClientOrderId).toList())
                        .as("every order filled once, entry and exit at least").hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates()
                        .containsAll(executions.stream().map(ExecutionReport::getClientOrderId).distinct().toList());
                assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(gateway.state()).isEqualTo(KafkaStreams.State.RUNNING);
                System.out.printf("kafka container %s: %d intents, %d fills, %d position events%n", KAFKA_IMAGE, intents.size(),
                        executions.size(), positions.size());
            }
        }
    }
}
