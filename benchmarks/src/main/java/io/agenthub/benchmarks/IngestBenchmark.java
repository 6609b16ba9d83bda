package io.agenthub.benchmarks;

import io.agenthub.core.market.BarBuilder;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.embedded.LocalCluster;
import io.agenthub.ingest.bars.BarTopology;
import io.agenthub.ingest.feed.FeedSink;
import io.agenthub.ingest.feed.replay.CsvReplayFeed;
import io.agenthub.ingest.publish.KafkaTickPublisher;
import io.agenthub.ingest.publish.MarketEvents;
import io.agenthub.schemas.events.Bar;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Market-data figures on this machine, each against a baseline from the same run:
 * <ul>
 *   <li>local cluster start, cold (fresh directory) and warm (restart on the same directory);</li>
 *   <li>replay throughput into Kafka: the bundled dataset through the replay feed and the publisher, against a bare
 *       producer sending the same pre-encoded records (the broker's ceiling for this producer configuration);</li>
 *   <li>bar-building throughput: the bar topology under exactly-once over the replayed ticks, against the same
 *       topology at-least-once, and the pure in-memory {@link BarBuilder} as a reference.</li>
 * </ul>
 * Run: {@code bin/bench} (repetitions: first argument, default 3; the table shows medians and ranges).
 */
public final class IngestBenchmark {

    private static final Symbol BTC = BundledDataset.SYMBOL;
    private static final int TICKS = 4 * BundledDataset.CANDLES;

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dataset = BundledDataset.require();
        Instrument instrument = Instruments.defaults().resolve(BTC);
        System.out.printf("Agent Hub ingest benchmark: %d repetitions, %d ticks (%d candles), %d cores, JDK %s%n",
                reps, TICKS, BundledDataset.CANDLES, Runtime.getRuntime().availableProcessors(), Runtime.version());

        Table startup = new Table("measurement", "median", "min..max", "unit");
        Path warmDir = Files.createTempDirectory("bench-cluster-");
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            try (LocalCluster cluster = LocalCluster.builder().provision(Topics.standard(), List.of(Timeframe.ONE_MINUTE)).start()) {
                cold.add((double) cluster.startupTime().toMillis());
            }
            try (LocalCluster cluster = LocalCluster.builder().dataDir(warmDir).provision(Topics.standard(), List.of(Timeframe.ONE_MINUTE)).start()) {
                warm.add((double) cluster.startupTime().toMillis());
            }
        }
        deleteRecursively(warmDir);
        startup.row("cluster ready, fresh directory (Kafka + PostgreSQL + 26 topics)", median(cold), range(cold), "ms");
        startup.row("cluster ready, existing directory (restart)", median(warm), range(warm), "ms");

        Table replay = new Table("measurement", "median", "min..max", "unit", "vs baseline");
        Table bars = new Table("measurement", "median", "min..max", "unit", "vs baseline");
        List<Double> feedOnly = new ArrayList<>();
        List<Double> feedToKafka = new ArrayList<>();
        List<Double> bareProducer = new ArrayList<>();
        List<Double> eos = new ArrayList<>();
        List<Double> alos = new ArrayList<>();
        List<Double> pure = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.builder().withPostgres(false).start()) {
            for (int i = 0; i < reps; i++) {
                Topics eosTopics = Topics.withPrefix("bench" + i + "-eos.");
                Topics alosTopics = Topics.withPrefix("bench" + i + "-alos.");
                cluster.provisionTopics(eosTopics, List.of(Timeframe.ONE_MINUTE));
                cluster.provisionTopics(alosTopics, List.of(Timeframe.ONE_MINUTE));
                feedOnly.add(feedOnly(dataset, instrument));
                feedToKafka.add(feedToKafka(cluster, eosTopics, dataset, instrument));
                feedToKafka(cluster, alosTopics, dataset, instrument);
                bareProducer.add(bareProducer(cluster, eosTopics, dataset, instrument));
                eos.add(barBuilding(cluster, eosTopics, StreamsConfig.EXACTLY_ONCE_V2));
                alos.add(barBuilding(cluster, alosTopics, StreamsConfig.AT_LEAST_ONCE));
                pure.add(pureBarBuilder(dataset, instrument));
            }
        }
        replay.row("replay feed alone (CSV parse + tick path, no Kafka)", fmt(median(feedOnly)), range(feedOnly), "ticks/s", ratio(feedOnly, bareProducer));
        replay.row("replay feed -> publisher -> Kafka (acks=all, idempotent)", fmt(median(feedToKafka)), range(feedToKafka), "ticks/s", ratio(feedToKafka, bareProducer));
        replay.row("baseline: bare producer, same records pre-encoded", fmt(median(bareProducer)), range(bareProducer), "ticks/s", "1.00");
        bars.row("bar topology, exactly_once_v2 (commit every 100 ms)", fmt(median(eos)), range(eos), "ticks/s", ratio(eos, alos));
        bars.row("baseline: bar topology, at_least_once", fmt(median(alos)), range(alos), "ticks/s", "1.00");
        bars.row("reference: pure BarBuilder in memory (no Kafka)", fmt(median(pure)), range(pure), "ticks/s", ratio(pure, alos));

        startup.print("Start-up");
        replay.print("Replay throughput into Kafka (" + TICKS + " ticks)");
        bars.print("Bar building (" + TICKS + " ticks -> " + BundledDataset.CANDLES + " one-minute bars, committed)");
    }

    private static double feedOnly(Path dataset, Instrument instrument) throws Exception {
        long[] count = {0};
        FeedSink counting = new FeedSink() {
            @Override
            public void onTick(MarketTick tick) {
                count[0]++;
            }

            @Override
            public void onWatermark(Symbol symbol, Instant watermark) {
            }
        };
        long start = System.nanoTime();
        replayFeed(dataset, instrument).run(counting);
        return perSecond(count[0], start);
    }

    private static double feedToKafka(LocalCluster cluster, Topics topics, Path dataset, Instrument instrument) throws Exception {
        try (KafkaTickPublisher publisher = new KafkaTickPublisher(cluster.bootstrapServers(), topics, "replay", Clock.systemUTC())) {
            long start = System.nanoTime();
            replayFeed(dataset, instrument).run(publisher);
            publisher.flush();
            return perSecond(publisher.ticksSent(), start);
        }
    }

    private static double bareProducer(LocalCluster cluster, Topics topics, Path dataset, Instrument instrument) throws Exception {
        Topic<String, SpecificRecord> ticks = topics.marketTicks();
        List<byte[]> encoded = new ArrayList<>(TICKS);
        List<Long> times = new ArrayList<>(TICKS);
        FeedSink encoder = new FeedSink() {
            @Override
            public void onTick(MarketTick tick) {
                encoded.add(ticks.valueSerde().serializer().serialize(ticks.name(), MarketEvents.toTick(tick, "replay", Instant.now())));
                times.add(tick.time().toEpochMilli());
            }

            @Override
            public void onWatermark(Symbol symbol, Instant watermark) {
            }
        };
        replayFeed(dataset, instrument).run(encoder);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        String target = topics.prefix() + "bench.bare";
        try (Admin admin = cluster.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(target, 3, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < encoded.size(); i++) {
                producer.send(new ProducerRecord<>(target, null, times.get(i), BTC.toString(), encoded.get(i)));
            }
            producer.flush();
            return perSecond(encoded.size(), start);
        }
    }

    /** Ticks/s from the stream reaching RUNNING to the last of the bars committed. */
    private static double barBuilding(LocalCluster cluster, Topics topics, String guarantee) throws Exception {
        BarBuilder builder = new BarBuilder(List.of(Timeframe.ONE_MINUTE), Duration.ofSeconds(2));
        Properties p = new Properties();
        String appId = topics.prefix() + "bars";
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, cluster.streamsStateDir().resolve(appId).toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        var topology = BarTopology.build(topics, builder, Instruments.defaults());
        try (KafkaStreams streams = new KafkaStreams(topology, p)) {
            streams.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long start = System.nanoTime();
            awaitRecords(cluster.bootstrapServers(), topics.marketBars(Timeframe.ONE_MINUTE), BundledDataset.CANDLES, deadline);
            return perSecond(TICKS, start);
        }
    }

    private static double pureBarBuilder(Path dataset, Instrument instrument) throws Exception {
        BarBuilder builder = new BarBuilder(List.of(Timeframe.ONE_MINUTE), Duration.ofSeconds(2));
        List<MarketTick> ticks = new ArrayList<>(TICKS);
        replayFeed(dataset, instrument).run(new FeedSink() {
            @Override
            public void onTick(MarketTick tick) {
                ticks.add(tick);
            }

            @Override
            public void onWatermark(Symbol symbol, Instant watermark) {
            }
        });
        long start = System.nanoTime();
        BarBuilder.State state = BarBuilder.State.empty(BTC);
        long closed = 0;
        for (MarketTick tick : ticks) {
            BarBuilder.Step step = builder.onTick(state, tick);
            state = step.state();
            closed += step.closed().size();
        }
        if (closed < BundledDataset.CANDLES - 1) {
            throw new IllegalStateException("pure builder closed only " + closed + " bars");
        }
        return perSecond(ticks.size(), start);
    }

    private static void awaitRecords(String bootstrap, Topic<String, Bar> topic, int expected, long deadline) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        try (var consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(x -> new TopicPartition(x.topic(), x.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int seen = 0;
            while (seen < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + expected + " bars arrived");
                }
                seen += consumer.poll(Duration.ofMillis(50)).count();
            }
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static CsvReplayFeed replayFeed(Path dataset, Instrument instrument) {
        return new CsvReplayFeed(new CsvReplayFeed.Settings(dataset, instrument, 0, false, false, Duration.ZERO, Duration.ofSeconds(1), null),
                Clock.systemUTC());
    }

    private static double perSecond(long count, long startNanos) {
        return count / ((System.nanoTime() - startNanos) / 1e9);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static String range(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return fmt(sorted[0]) + ".." + fmt(sorted[sorted.length - 1]);
    }

    private static String ratio(List<Double> candidate, List<Double> baseline) {
        return String.format("%.2f", median(candidate) / median(baseline));
    }

    private static String fmt(double value) {
        return value >= 100 ? String.format("%,.0f", value) : String.format("%.1f", value);
    }
}
