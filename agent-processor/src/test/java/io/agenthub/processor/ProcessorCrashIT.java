package io.agenthub.processor;

import io.agenthub.core.agent.AgentKernel;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.processor.app.AgentProcessorApplication;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PlannerSettings;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.testkit.events.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor killed mid-stream (SIGKILL of its process, no graceful close) and started again: exactly once means
 * no order intent or advisor request lost, none duplicated, and every one identical to what an uninterrupted run of
 * the same topology produces on the same input. A venue fills every committed intent (late, on its own thread), and
 * the uninterrupted reference gets the same fills at once: agents step through what they held while an order was in
 * flight, so when a fill arrives does not change what they do.
 */
@EmbeddedClusterTest
class ProcessorCrashIT {

    private static final List<String> STRATEGIES = List.of("rsi_signal", "ema_crossover", "bollinger_reversion", "supertrend",
            "macd_signal", "momentum");

    @Test
    void shouldLoseAndDuplicateNothingWhenTheProcessIsKilledMidStreamAndRestarted(TestCluster cluster) throws Exception {
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE).subList(0, 2_000);
        List<AgentConfig> configs = new ArrayList<>();
        // no supervisor answers here: an unanswered plan request is given up, and asked again, every ten cycles of one bar
        for (int i = 0; i < STRATEGIES.size(); i++) {
            configs.add(AgentConfigs.paper("crash-" + i, STRATEGIES.get(i))
                    .setPlanner(PlannerSettings.newBuilder().setEnabled(true).setEveryNBars(1).build()).build());
        }

        List<String> expectedIntents = new ArrayList<>();
        List<String> expectedRequests = new ArrayList<>();
        try (AgentDriver reference = new AgentDriver(ProcessorSettings.defaults("reference").withTickLines(false), null)) {
            configs.forEach(reference::config);
            List<OrderIntent> sent = new ArrayList<>();
            for (Bar candle : candles) {
                reference.candle(candle);
                fillAll(reference, sent);
            }
            sent.forEach(i -> expectedIntents.add(describe(i)));
            reference.requests().forEach(r -> expectedRequests.add(describe(r)));
        }
        assertThat(expectedIntents).as("agents trade on: entries and exits").hasSizeGreaterThanOrEqualTo(20);
        assertThat(expectedRequests).hasSize(STRATEGIES.size() * (1 + candles.size() / AgentKernel.PATIENCE_CYCLES));

        Topics topics = cluster.topics();
        try (KafkaProducer<String, AgentConfig> producer = cluster.producer(topics.agentsConfig())) {
            configs.forEach(c -> producer.send(new ProducerRecord<>(topics.agentsConfig().name(), c.getAgentId(), c)));
        }
        try (KafkaProducer<String, SpecificRecord> ticks = cluster.producer(topics.marketTicks())) {
            for (Bar candle : candles) {
                for (MarketTick tick : CandleTickPath.of(candle, 8)) {
                    ticks.send(new ProducerRecord<>(topics.marketTicks().name(), "BTC/USDT", TestEvents.tick(tick)));
                }
                ticks.send(new ProducerRecord<>(topics.marketTicks().name(), "BTC/USDT", TestEvents.watermark(candle.symbol(), candle.closeTime())));
            }
        }

        Path stateDir = cluster.stateDir("crash-processor");
        Path log = Files.createTempFile("processor-crash", ".log");
        try (Venue venue = new Venue(cluster, topics)) {
        Process first = launch(cluster, stateDir, log);
        try {
            List<ConsumerRecord<String, AdvisorRequest>> before = cluster.read(topics.advisorRequests(), expectedRequests.size() / 3,
                    Duration.ofSeconds(90));
            assertThat(before).as("progress before the kill; see %s", log).hasSizeGreaterThanOrEqualTo(expectedRequests.size() / 3);
            assertThat(before.size()).as("killed mid-stream, not after the end").isLessThan(expectedRequests.size());
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        int committedBeforeRestart = cluster.read(topics.advisorRequests(), expectedRequests.size(), Duration.ofSeconds(2)).size();
        assertThat(committedBeforeRestart).as("the kill came before the end of the input").isLessThan(expectedRequests.size());

        Process second = launch(cluster, stateDir, log);
        try {
            cluster.read(topics.advisorRequests(), expectedRequests.size(), Duration.ofSeconds(120));
            Thread.sleep(3_000);
            List<String> requests = cluster.read(topics.advisorRequests(), expectedRequests.size() + 1, Duration.ofSeconds(5)).stream()
                    .map(r -> describe(r.value())).toList();
            List<String> intents = cluster.read(topics.ordersIntents(), expectedIntents.size() + 1, Duration.ofSeconds(5)).stream()
                    .map(r -> describe(r.value())).toList();

            assertThat(sorted(requests)).as("advisor requests, see %s", log).containsExactlyElementsOf(sorted(expectedRequests));
            assertThat(sorted(intents)).as("order intents").containsExactlyElementsOf(sorted(expectedIntents));
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
        }
    }

    /** The paper venue's fill of an intent: its reference price at its decision, the standard fee and slippage. */
    private static ExecutionReport fill(OrderIntent intent) {
        return TestEvents.filled(intent, intent.getReferencePrice(), ExecutionCosts.standard(), intent.getEventTime());
    }

    /** Fills what the reference sent at once, and what those fills led to, until it sends nothing more. */
    private static void fillAll(AgentDriver reference, List<OrderIntent> sent) {
        for (List<OrderIntent> fresh = reference.drainIntents(sent); !fresh.isEmpty(); fresh = reference.drainIntents(sent)) {
            fresh.forEach(intent -> reference.execution(fill(intent)));
        }
    }

    /** Fills every committed intent, on a thread of its own, as late as it comes. */
    private static final class Venue implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Venue(TestCluster cluster, Topics topics) {
            KafkaConsumer<String, OrderIntent> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, cluster.applicationId("crash-venue"),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), topics.ordersIntents().keySerde().deserializer(),
                    topics.ordersIntents().valueSerde().deserializer());
            KafkaProducer<String, ExecutionReport> producer = cluster.producer(topics.ordersExecutions());
            consumer.subscribe(List.of(topics.ordersIntents().name()));
            thread = Thread.ofPlatform().name("crash-venue").start(() -> {
                try (consumer; producer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, OrderIntent> r : consumer.poll(Duration.ofMillis(100))) {
                            producer.send(new ProducerRecord<>(topics.ordersExecutions().name(), r.key(), fill(r.value())));
                        }
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    /** The processor in a process of its own, the way a container runs it. */
    private static Process launch(TestCluster cluster, Path stateDir, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                AgentProcessorApplication.class.getName(),
                "--agenthub.processor.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--agenthub.processor.kafka.topic-prefix=" + cluster.topics().prefix(),
                "--agenthub.processor.kafka.application-id=" + cluster.applicationId("crash-processor"),
                "--agenthub.processor.kafka.state-dir=" + stateDir,
                "--agenthub.processor.threads=1",
                "--agenthub.processor.tick-lines=false",
                "--spring.main.banner-mode=off")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted(Comparator.naturalOrder()).toList();
    }

    /** An event without what differs between runs by design: random event ids, its own and its cause's. */
    private static String describe(SpecificRecord event) {
        return event.toString().replaceAll("\"(eventId|causationId)\": (\"[^\"]*\"|null), ", "");
    }
}
