package io.agenthub.benchmarks;

import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.embedded.LocalCluster;
import io.agenthub.gateway.app.ExecutionGateway;
import io.agenthub.gateway.app.GatewayProperties;
import io.agenthub.kafka.KafkaSettings;
import io.agenthub.kafka.streams.StreamsSettings;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.OrderPurpose;
import io.agenthub.schemas.events.OrderSide;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.testkit.events.OrderIntents;
import io.agenthub.testkit.events.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * The paper venue on the embedded broker, everything in this one JVM on this machine: many agents' market orders on
 * many symbols, exactly once, each filled at the first price at or after its decision.
 * <ul>
 *   <li>intents handled per second, draining a backlog (every one filled and its report committed);</li>
 *   <li>latency from an intent acknowledged by the broker to its execution report read committed, at fixed loads.</li>
 * </ul>
 * Baseline in the same run: a Kafka Streams application with the same exactly-once settings that turns each intent
 * into a report and keeps nothing (what the hop itself costs). Run: {@code bin/bench gateway [agents] [symbols] [backlog]}.
 */
public final class GatewayBenchmark {

    private static final Duration LATENCY_WINDOW = Duration.ofSeconds(15);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int symbolCount = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int backlog = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        List<Symbol> symbols = Instruments.defaults().all().stream().map(Instrument::symbol).filter(s -> s.quote().equals("USDT"))
                .limit(symbolCount).toList();
        System.out.printf("Agent Hub gateway benchmark: the paper venue, %d agents on %d symbols, exactly_once_v2, commit 50 ms, JDK %s, %d cores%n",
                agents, symbols.size(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        Table throughput = new Table("application", "backlog drained", "intents/s", "vs baseline");
        Table latency = new Table("application", "offered intents/s", "reports", "p50 ms", "p90 ms", "p99 ms", "max ms");

        try (LocalCluster cluster = LocalCluster.builder().withPostgres(false).start()) {
            double[] rates = new double[2];
            for (int run = 0; run < 2; run++) {
                boolean baseline = run == 0;
                String name = baseline ? "pass-through (baseline)" : "paper venue";
                Topics topics = Topics.withPrefix((baseline ? "base" : "venue") + ".");
                provision(cluster, topics);
                configure(cluster, topics, agents, symbols);
                Market market = new Market(cluster, topics, symbols);
                market.prices(20);
                Path state = Files.createTempDirectory("gateway-bench");
                try (AutoCloseable application = baseline ? passThrough(cluster, topics, state) : venue(cluster, topics, state);
                     Reports reports = new Reports(cluster, topics)) {
                    Orders orders = new Orders(cluster, topics, agents, symbols, market);
                    // the venue reads every configuration before the first order (else it opens a default account, and says so)
                    Thread.sleep(3_000);
                    // warm-up
                    orders.send(5_000, 0);
                    reports.await(orders.sent(), Duration.ofMinutes(2));
                    long start = System.nanoTime();
                    orders.send(backlog, 0);
                    reports.await(orders.sent(), Duration.ofMinutes(10));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    rates[run] = backlog / seconds;
                    throughput.row(name, fmt(backlog), fmt(rates[run]), String.format("%.2f", rates[run] / rates[0]));
                    for (int perSecond : new int[] {250, 1_000, 2_000}) {
                        reports.latencies.clear();
                        orders.send((long) perSecond * LATENCY_WINDOW.toSeconds(), perSecond);
                        reports.await(orders.sent(), Duration.ofMinutes(2));
                        long[] sorted = reports.latencies.values().stream().mapToLong(Long::longValue).sorted().toArray();
                        latency.row(name, fmt(perSecond), Integer.toString(sorted.length), ms(percentile(sorted, 0.5)), ms(percentile(sorted, 0.9)),
                                ms(percentile(sorted, 0.99)), ms(sorted[sorted.length - 1]));
                    }
                }
            }
        }
        throughput.print("Throughput (a backlog of market orders, each filled and reported)");
        latency.print("Latency, intent acknowledged by the broker -> execution report read committed (" + LATENCY_WINDOW.toSeconds() + " s per load)");
    }

    private static AutoCloseable venue(LocalCluster cluster, Topics topics, Path state) throws InterruptedException {
        ExecutionGateway gateway = ExecutionGateway.start(GatewayProperties.on(new KafkaSettings(cluster.bootstrapServers(),
                topics.prefix(), "bench-gateway", state, 1)).paperOnly());
        while (gateway.state() != KafkaStreams.State.RUNNING) {
            Thread.sleep(10);
        }
        return gateway;
    }

    /** The baseline: each intent becomes a report in one exactly-once hop, nothing kept. */
    private static AutoCloseable passThrough(LocalCluster cluster, Topics topics, Path state) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.ordersIntents().name(), Consumed.with(topics.ordersIntents().keySerde(), topics.ordersIntents().valueSerde()))
                .mapValues(intent -> TestEvents.filled(intent, intent.getReferencePrice(), ExecutionCosts.standard(), intent.getEventTime()))
                .to(topics.ordersExecutions().name(), Produced.with(topics.ordersExecutions().keySerde(), topics.ordersExecutions().valueSerde()));
        KafkaStreams streams = new KafkaStreams(builder.build(), StreamsSettings.exactlyOnce("bench-pass-through", cluster.bootstrapServers(), state,
                1, 1, Duration.ofMillis(50), Duration.ofMillis(10)));
        streams.start();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            Thread.sleep(10);
        }
        return streams::close;
    }

    private static void configure(LocalCluster cluster, Topics topics, int agents, List<Symbol> symbols) {
        try (KafkaProducer<String, AgentConfig> producer = producer(cluster, topics.agentsConfig().valueSerde().serializer(), 20)) {
            for (int i = 0; i < agents; i++) {
                AgentConfig config = AgentConfigs.paper("agent-" + i, "rsi_signal").setSymbol(symbols.get(i % symbols.size()).toString()).build();
                producer.send(new ProducerRecord<>(topics.agentsConfig().name(), config.getAgentId(), config));
            }
        }
    }

    /** One price per symbol, every second of event time. */
    private static final class Market {
        private final KafkaProducer<String, SpecificRecord> producer;
        private final String topic;
        private final List<Symbol> symbols;
        private long seconds;

        Market(LocalCluster cluster, Topics topics, List<Symbol> symbols) {
            this.producer = producer(cluster, topics.marketTicks().valueSerde().serializer(), 1);
            this.topic = topics.marketTicks().name();
            this.symbols = symbols;
        }

        void prices(int count) {
            for (int i = 0; i < count; i++) {
                seconds++;
                for (Symbol symbol : symbols) {
                    MarketTick tick = MarketTick.trade(symbol, START.plusSeconds(seconds), new BigDecimal(100 + seconds % 7), BigDecimal.ONE,
                            symbol.base() + seconds);
                    producer.send(new ProducerRecord<>(topic, symbol.toString(), TestEvents.tick(tick)));
                }
            }
            producer.flush();
        }

        long now() {
            return seconds;
        }
    }

    /** Market orders decided at the last price: agents in turn, each buying and selling again. */
    private static final class Orders {
        private final KafkaProducer<String, OrderIntent> producer;
        private final String topic;
        private final int agents;
        private final List<Symbol> symbols;
        private final Market market;
        private final AtomicLong sent = new AtomicLong();
        private final Map<String, Long> acknowledged;

        Orders(LocalCluster cluster, Topics topics, int agents, List<Symbol> symbols, Market market) {
            this.producer = producer(cluster, topics.ordersIntents().valueSerde().serializer(), 1);
            this.topic = topics.ordersIntents().name();
            this.agents = agents;
            this.symbols = symbols;
            this.market = market;
            this.acknowledged = Reports.ACKNOWLEDGED;
        }

        long sent() {
            return sent.get();
        }

        void send(long count, int perSecond) throws InterruptedException {
            long start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                if (perSecond > 0) {
                    long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                long n = sent.incrementAndGet();
                int agent = (int) (n % agents);
                long sequence = n / agents + 1;
                boolean buy = sequence % 2 == 1;
                OrderIntent intent = OrderIntents.market("agent-" + agent, sequence, buy ? OrderSide.BUY : OrderSide.SELL,
                                buy ? OrderPurpose.ENTRY : OrderPurpose.EXIT, START.plusSeconds(market.now()), "0.5")
                        .setSymbol(symbols.get(agent % symbols.size()).toString())
                        .setReferencePrice(Decimals.toWire(new BigDecimal("100"))).build();
                String id = intent.getClientOrderId();
                producer.send(new ProducerRecord<>(topic, intent.getAgentId(), intent), (metadata, error) -> {
                    if (error == null && perSecond > 0) {
                        acknowledged.put(id, System.nanoTime());
                    }
                });
            }
            producer.flush();
        }
    }

    /** Reads the execution reports committed, and times the ones whose intent was timed. */
    private static final class Reports implements AutoCloseable {
        static final Map<String, Long> ACKNOWLEDGED = new ConcurrentHashMap<>();
        final Map<String, Long> latencies = new ConcurrentHashMap<>();
        private final AtomicLong read = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Reports(LocalCluster cluster, Topics topics) {
            KafkaConsumer<String, ExecutionReport> consumer = consumer(cluster, topics.ordersExecutions().valueSerde().deserializer());
            consumer.subscribe(List.of(topics.ordersExecutions().name()));
            thread = Thread.ofPlatform().name("bench-reports").start(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, ExecutionReport> r : consumer.poll(Duration.ofMillis(20))) {
                            long now = System.nanoTime();
                            Long acknowledged = ACKNOWLEDGED.remove(r.value().getClientOrderId());
                            if (acknowledged != null) {
                                latencies.put(r.value().getClientOrderId(), now - acknowledged);
                            }
                            read.incrementAndGet();
                        }
                    }
                }
            });
        }

        void await(long count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (read.get() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + read.get() + " of " + count + " reports in " + timeout);
                }
                Thread.sleep(5);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
