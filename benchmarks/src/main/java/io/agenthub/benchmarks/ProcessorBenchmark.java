package io.agenthub.benchmarks;

import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.embedded.LocalCluster;
import io.agenthub.kafka.KafkaSettings;
import io.agenthub.processor.app.AgentProcessor;
import io.agenthub.processor.app.ProcessorProperties;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.testkit.events.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.agenthub.benchmarks.BenchKafka.consumer;
import static io.agenthub.benchmarks.BenchKafka.fmt;
import static io.agenthub.benchmarks.BenchKafka.ms;
import static io.agenthub.benchmarks.BenchKafka.percentile;
import static io.agenthub.benchmarks.BenchKafka.producer;
import static io.agenthub.benchmarks.BenchKafka.provision;

/**
 * The agent processor on the embedded broker, everything in this one JVM on this machine: many agents across many
 * symbols, exactly once, with a venue that fills every order at once so that agents keep trading.
 * <ul>
 *   <li>sustained agent evaluations per second (one agent × one tick), draining a backlog of ticks;</li>
 *   <li>latency from a tick handed to the producer to the order intent it caused read committed, at a fixed load, with
 *   event time running as fast as the wall clock (one-second bars last a second). A tick that came while the agent's
 *   previous order was in flight is decided on once that order's fill arrives, so its latency includes the wait; the
 *   table shows all intents, then those on ticks sent after the agent's previous fill (ticks no agent held);</li>
 *   <li>restore: start-up of a processor with an empty state directory, all agents restored from the changelogs.</li>
 * </ul>
 * Run: {@code bin/bench processor [agents] [symbols] [restore-agents] [commit-ms] [direct]}; {@code direct} adds a what-if
 * in the same run: the same loads again with the bench writing each tick to every partition of the fan-out topic
 * itself, as if the processor's fan-out stage that copies ticks there (at least once, at once) were gone.
 */
public final class ProcessorBenchmark {

    private static final Duration LATENCY_WINDOW = Duration.ofSeconds(20);
    private static final String OWNER = "bench";
    private static Duration commitInterval;

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int symbolCount = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int restoreAgents = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        commitInterval = Duration.ofMillis(args.length > 3 ? Integer.parseInt(args[3]) : 50);
        // what-if, after the measured loads: the same loads with ticks written straight to every partition of the fan-out
        // topic, as if the hop that copies them there were gone
        boolean direct = args.length > 4 && args[4].equals("direct");
        List<Symbol> symbols = Instruments.defaults().all().stream().map(Instrument::symbol)
                .filter(s -> s.quote().equals("USDT")).limit(symbolCount).toList();
        System.out.printf("Agent Hub processor benchmark: %d agents on %d symbols, agents exactly_once_v2 on 2 stream threads (commit %d ms) fed by an at-least-once fan-out thread, JDK %s, %d cores%n",
                agents, symbols.size(), commitInterval.toMillis(), Runtime.version(), Runtime.getRuntime().availableProcessors());

        Table throughput = new Table("measure", "value", "unit");
        Table latency = new Table("offered load", "evaluations/s achieved", "intents", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "on free agents' ticks", "p50 ms", "p90 ms", "p99 ms", "max ms");
        Table restore = new Table("agents", "changelog records", "empty state dir -> RUNNING (ms)", "vs no agents");

        try (LocalCluster cluster = LocalCluster.builder().withPostgres(false).start()) {
            Topics topics = Topics.withPrefix("thr.");
            provision(cluster, topics);
            configure(cluster, topics, agents, symbols);
            Path stateDir = Files.createTempDirectory("processor-bench");
            try (AgentProcessor processor = AgentProcessor.start(properties(cluster, topics, "thr", stateDir));
                 Venue venue = new Venue(cluster, topics)) {
                awaitRunning(cluster, topics, agents);
                Market market = new Market(cluster, topics, symbols);

                // warm-up, then the measured drain of a backlog
                double perTick = agents / (double) symbols.size();
                drain(processor, market, 20_000, perTick, true);
                long ticks = 60_000;
                double[] seconds = drain(processor, market, ticks, perTick, true);
                throughput.row("backlog of " + ticks + " ticks delivered to every agent (" + (int) perTick + " a tick)",
                        fmt(ticks * perTick / seconds[0]), "evaluations/s");
                throughput.row("... and stepped through by every agent (held ticks after their fill)", fmt(ticks * perTick / seconds[1]),
                        "evaluations/s");
                throughput.row("ticks processed, to the last agent's step", fmt(ticks / seconds[1]), "ticks/s");
                throughput.row("order intents filled by the bench venue so far", Long.toString(venue.fills.get()), "intents");

                for (boolean copiedByTheBench : direct ? new boolean[]{false, true} : new boolean[]{false}) {
                    if (copiedByTheBench) {
                        // the same processor, its fan-out stage bypassed: the baseline for what the copy costs
                        market.direct(io.agenthub.processor.AgentTopology.fanoutTopic("thr-processor"));
                    }
                    for (int ticksPerSecond : new int[]{500, 1_000, 2_000, 3_000}) {
                        String[] figures = latencyRun(processor, market, venue, ticksPerSecond, perTick);
                        Object[] row = new Object[figures.length + 1];
                        row[0] = fmt(ticksPerSecond * perTick) + " evaluations/s (" + ticksPerSecond + " ticks/s)"
                                + (copiedByTheBench ? ", copied by the bench" : "");
                        System.arraycopy(figures, 0, row, 1, figures.length);
                        latency.row(row);
                    }
                }
            }

            if (restoreAgents == 0) {
                throughput.print("Throughput");
                latency.print("Latency, tick handed to the producer -> order intent read committed (" + LATENCY_WINDOW.toSeconds() + " s per load; then the same for intents on ticks sent after the agent's previous fill, which no agent held)");
                return;
            }
            Topics restoreTopics = Topics.withPrefix("rst.");
            provision(cluster, restoreTopics);
            configure(cluster, restoreTopics, restoreAgents, symbols);
            Path first = Files.createTempDirectory("processor-restore-a");
            try (AgentProcessor processor = AgentProcessor.start(properties(cluster, restoreTopics, "rst", first))) {
                awaitRunning(cluster, restoreTopics, restoreAgents);
                Market market = new Market(cluster, restoreTopics, symbols);
                // no venue here: agents hold what comes after their first order; delivered is enough to fill their stores
                drain(processor, market, 200L * symbols.size(), restoreAgents / (double) symbols.size(), false);
            }
            // baseline in the same run: the same application with nothing to restore
            Topics emptyTopics = Topics.withPrefix("empty.");
            provision(cluster, emptyTopics);
            double empty = timeToRunning(properties(cluster, emptyTopics, "empty", Files.createTempDirectory("processor-empty")));
            double ms = timeToRunning(properties(cluster, restoreTopics, "rst", Files.createTempDirectory("processor-restore-b")));
            restore.row(Integer.toString(restoreAgents), Long.toString(changelogRecords(cluster, "rst-processor")), fmt(ms),
                    String.format("%.2f", ms / empty));
            restore.row("0 (baseline)", "0", fmt(empty), "1.00");
        }
        throughput.print("Throughput");
        latency.print("Latency, tick handed to the producer -> order intent read committed (" + LATENCY_WINDOW.toSeconds() + " s per load; then the same for intents on ticks sent after the agent's previous fill, which no agent held)");
        restore.print("Restore");
    }

    private static double timeToRunning(ProcessorProperties props) throws InterruptedException {
        long start = System.nanoTime();
        try (AgentProcessor processor = AgentProcessor.start(props)) {
            while (processor.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(5);
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static ProcessorProperties properties(LocalCluster cluster, Topics topics, String name, Path stateDir) {
        return new ProcessorProperties(new KafkaSettings(cluster.bootstrapServers(), topics.prefix(), name + "-processor", stateDir, 1),
                "", 2, commitInterval, Duration.ofMillis(10), new BigDecimal("1000000"), 64, false, "bench", 100_000, org.springframework.util.unit.DataSize.ofMegabytes(64), Duration.ofDays(3));
    }

    /** Agents spread evenly over the symbols and the catalogue, one-second bars, paper, long and short. */
    private static void configure(LocalCluster cluster, Topics topics, int agents, List<Symbol> symbols) {
        List<StrategyDefinition> strategies = List.copyOf(StrategyCatalog.builtIn().all());
        try (KafkaProducer<String, AgentConfig> producer = producer(cluster, topics.agentsConfig().valueSerde().serializer(), 20)) {
            for (int i = 0; i < agents; i++) {
                StrategyDefinition strategy = strategies.get(i % strategies.size());
                AgentConfig config = AgentConfigs.paper("agent-" + i, strategy.name())
                        .setOwnerId(OWNER)
                        .setSymbol(symbols.get(i % symbols.size()).toString())
                        .setIntervalSeconds(1)
                        .setRisk(AgentConfigs.risk("1000", "1", "2", 1).setAllowShort(true).build())
                        .build();
                producer.send(new ProducerRecord<>(topics.agentsConfig().name(), config.getAgentId(), config));
            }
        }
    }

    private static void awaitRunning(LocalCluster cluster, Topics topics, int agents) throws InterruptedException {
        Set<String> running = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (KafkaConsumer<String, AgentStatus> consumer = consumer(cluster, topics.agentsStatus().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.agentsStatus().name()));
            while (running.size() < agents) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + running.size() + " of " + agents + " agents running after 5 minutes");
                }
                for (ConsumerRecord<String, AgentStatus> r : consumer.poll(Duration.ofMillis(200))) {
                    running.add(r.key());
                }
            }
        }
    }

    /**
     * Sends {@code ticks} ticks at once; returns the seconds until the processor delivered all of them to every agent,
     * and until every agent stepped through all of them (an agent holds the ticks that come while its order is in
     * flight, and steps through them once the fill arrives).
     */
    private static double[] drain(AgentProcessor processor, Market market, long ticks, double perTick, boolean untilStepped)
            throws InterruptedException {
        double delivered = processor.evaluations() + ticks * perTick * 0.999;
        double stepped = processor.ticksStepped() + ticks * perTick * 0.999;
        long start = System.nanoTime();
        market.send(ticks, 0);
        while (processor.evaluations() < delivered) {
            Thread.sleep(2);
        }
        double deliveredAfter = (System.nanoTime() - start) / 1e9;
        while (untilStepped && processor.ticksStepped() < stepped) {
            Thread.sleep(2);
        }
        return new double[]{deliveredAfter, (System.nanoTime() - start) / 1e9};
    }

    private static String[] latencyRun(AgentProcessor processor, Market market, Venue venue, int ticksPerSecond, double perTick)
            throws InterruptedException {
        venue.latencies.clear();
        venue.freeLatencies.clear();
        venue.sent = market.sentAt;
        double before = processor.ticksStepped();
        long start = System.nanoTime();
        market.send((long) (ticksPerSecond * LATENCY_WINDOW.toSeconds()), ticksPerSecond);
        Thread.sleep(1_000);
        double achieved = (processor.ticksStepped() - before) / ((System.nanoTime() - start) / 1e9);
        return java.util.stream.Stream.of(new String[]{fmt(achieved)}, percentiles(venue.latencies), percentiles(venue.freeLatencies))
                .flatMap(Arrays::stream).toArray(String[]::new);
    }

    private static String[] percentiles(List<Long> latencies) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new String[]{"0", "-", "-", "-", "-"};
        }
        return new String[]{Integer.toString(sorted.length), ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.90)),
                ms(percentile(sorted, 0.99)), ms(sorted[sorted.length - 1])};
    }

    /** Random walks, one per symbol, with the time each tick was sent. */
    private static final class Market {
        private static final double VOLATILITY = 0.004;
        private final KafkaProducer<String, SpecificRecord> producer;
        private final String topic;
        private final List<Symbol> symbols;
        private final double[] prices;
        private final long[] eventTimes;
        private final Random random = new Random(42);
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private long sequence;
        private long paceStart;
        private long paceBase;
        /** When set, the fan-out topic every tick is copied to, each partition, instead of the market topic. */
        private String directTopic;
        private int directPartitions;

        Market(LocalCluster cluster, Topics topics, List<Symbol> symbols) {
            this.producer = producer(cluster, topics.marketTicks().valueSerde().serializer(), 1);
            this.topic = topics.marketTicks().name();
            this.symbols = symbols;
            this.prices = new double[symbols.size()];
            this.eventTimes = new long[symbols.size()];
            Arrays.fill(prices, 100);
            Arrays.fill(eventTimes, Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        }

        /** From now on, every tick goes to every partition of {@code fanoutTopic} instead of to the market topic. */
        void direct(String fanoutTopic) {
            // the fan-out topic carries the market topic's bytes; the serializer writes the same for either topic
            directTopic = fanoutTopic;
            directPartitions = producer.partitionsFor(fanoutTopic).size();
        }

        /** {@code count} ticks round robin over the symbols, paced at {@code perSecond} (0 = as fast as possible). */
        void send(long count, int perSecond) throws InterruptedException {
            long start = System.nanoTime();
            if (perSecond > 0 && paceStart == 0) {
                paceStart = start;
                paceBase = Arrays.stream(eventTimes).max().orElse(0) + 1000;
            }
            for (long i = 0; i < count; i++) {
                if (perSecond > 0) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                int s = (int) (sequence % symbols.size());
                // drained as fast as it goes: four ticks a second of event time; paced: event time is the wall clock's,
                // so one-second bars last a second, as in live trading (agents decide no faster than the market moves)
                long time = perSecond > 0 ? Math.max(eventTimes[s] + 1, paceBase + (System.nanoTime() - paceStart) / 1_000_000)
                        : eventTimes[s] + 250;
                // the walk's volatility is per second of event time (0.4 % per root second: stops and targets are hit
                // within seconds, so agents keep trading), however many ticks a second carries
                prices[s] *= Math.exp(random.nextGaussian() * VOLATILITY * Math.sqrt((time - eventTimes[s]) / 1000.0));
                eventTimes[s] = time;
                MarketTick tick = MarketTick.trade(symbols.get(s), Instant.ofEpochMilli(eventTimes[s]),
                        BigDecimal.valueOf(prices[s]).setScale(2, RoundingMode.HALF_EVEN), new BigDecimal("0.5"), "b" + sequence++);
                var event = TestEvents.tick(tick);
                if (perSecond > 0) {
                    sentAt.put(event.getEventId(), System.nanoTime());
                }
                if (directTopic != null) {
                    for (int p = 0; p < directPartitions; p++) {
                        producer.send(new ProducerRecord<>(directTopic, p, symbols.get(s).toString(), event));
                    }
                } else {
                    producer.send(new ProducerRecord<>(topic, symbols.get(s).toString(), event));
                }
            }
            producer.flush();
        }
    }

    /** Fills every order intent at once at its reference price, and times the intents caused by paced ticks. */
    private static final class Venue implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong fills = new AtomicLong();
        private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Latencies of intents on ticks sent after the agent's previous fill: ticks no agent held. */
        private final List<Long> freeLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile Map<String, Long> sent = Map.of();
        private final Thread thread;

        Venue(LocalCluster cluster, Topics topics) {
            KafkaConsumer<String, OrderIntent> consumer = consumer(cluster, topics.ordersIntents().valueSerde().deserializer());
            KafkaProducer<String, io.agenthub.schemas.events.ExecutionReport> producer =
                    producer(cluster, topics.ordersExecutions().valueSerde().serializer(), 1);
            consumer.subscribe(List.of(topics.ordersIntents().name()));
            thread = Thread.ofPlatform().name("bench-venue").start(() -> {
                Map<String, Long> lastFill = new HashMap<>();
                try (consumer; producer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, OrderIntent> r : consumer.poll(Duration.ofMillis(50))) {
                            long now = System.nanoTime();
                            Long sentAt = sent.get(r.value().getCausationId() == null ? "" : r.value().getCausationId());
                            if (sentAt != null) {
                                latencies.add(now - sentAt);
                                if (sentAt > lastFill.getOrDefault(r.key(), Long.MIN_VALUE)) {
                                    freeLatencies.add(now - sentAt);
                                }
                            }
                            OrderIntent intent = r.value();
                            // stamped with the intent's timestamp (its tick's), as the gateway stamps a report with its cause's:
                            // in a backlog the fill is then taken right after the tick that caused it, not after the backlog
                            producer.send(new ProducerRecord<>(topics.ordersExecutions().name(), null, r.timestamp(), r.key(),
                                    TestEvents.filled(intent, intent.getReferencePrice(), ExecutionCosts.standard(), intent.getEventTime())));
                            lastFill.put(r.key(), System.nanoTime());
                            fills.incrementAndGet();
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

    private static long changelogRecords(LocalCluster cluster, String applicationId) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            long total = 0;
            for (var entry : consumer.listTopics().entrySet()) {
                if (entry.getKey().startsWith(applicationId) && entry.getKey().endsWith("-changelog")) {
                    var partitions = entry.getValue().stream()
                            .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
                    var end = consumer.endOffsets(partitions);
                    var begin = consumer.beginningOffsets(partitions);
                    for (var p : partitions) {
                        total += end.get(p) - begin.get(p);
                    }
                }
            }
            return total;
        }
    }

}
