package io.agenthub.ingest;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.ingest.config.IngestProperties;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.hashkey.HashKeyMarketPeer;
import io.agenthub.testkit.hashkey.ScriptedTrade;
import io.agenthub.testkit.hashkey.TradeHistories;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EmbeddedClusterTest
class MarketDataIngestIT {

    @Test
    void shouldReproduceEveryCandleOfBundledDatasetWhenReplayedThroughKafka(TestCluster cluster) throws Exception {
        Path file = BundledDataset.require();
        List<Bar> candles = CandleCsvReader.readAll(file, BundledDataset.SYMBOL, Timeframe.ONE_MINUTE);
        Topics topics = cluster.topics();

        try (MarketDataIngest ingest = MarketDataIngest.start(TestIngestProperties.replay(cluster, file, 0), Clock.systemUTC())) {
            assertThat(ingest.awaitFeed(Duration.ofMinutes(2))).isTrue();
            assertThat(ingest.feedFailure()).isNull();
            assertThat(ingest.counters()).containsEntry("published_ticks", 4L * BundledDataset.CANDLES);

            List<ConsumerRecord<String, io.agenthub.schemas.events.Bar>> bars =
                    cluster.read(topics.marketBars(Timeframe.ONE_MINUTE), BundledDataset.CANDLES, Duration.ofMinutes(3));

            assertThat(bars).hasSize(BundledDataset.CANDLES);
            assertExactly(candles, bars.stream().map(ConsumerRecord::value).toList());
        }
    }

    @Test
    void shouldDeadLetterGarbageAndStillBuildEveryBarWhenTopicHasPoison(TestCluster cluster, @TempDir Path dir) throws Exception {
        Path file = firstCandles(dir, 30);
        List<Bar> candles = CandleCsvReader.readAll(file, BundledDataset.SYMBOL, Timeframe.ONE_MINUTE);
        Topics topics = cluster.topics();
        try (var raw = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.marketTicks().name(), "BTC/USDT".getBytes(StandardCharsets.UTF_8),
                    "{\"price\":\"garbage\"}".getBytes(StandardCharsets.UTF_8))).get();
        }

        try (MarketDataIngest ingest = MarketDataIngest.start(TestIngestProperties.replay(cluster, file, 0), Clock.systemUTC())) {
            var bars = cluster.read(topics.marketBars(Timeframe.ONE_MINUTE), 30, Duration.ofSeconds(60));
            var letters = cluster.read(topics.deadLetters(topics.marketTicks()), 1, Duration.ofSeconds(30));

            assertExactly(candles, bars.stream().map(ConsumerRecord::value).toList());
            assertThat(letters).singleElement().satisfies(r -> {
                assertThat(r.value().getErrorMessage()).contains("not a single-object-encoded Tick or MarketWatermark");
                assertThat(r.value().getSourceTopic()).isEqualTo(topics.marketTicks().name());
                assertThat(new String(r.value().getValue().array(), StandardCharsets.UTF_8)).contains("garbage");
            });
        }
    }

    @Test
    void shouldResumeWithoutDuplicateOrMissingBarWhenRestartedMidReplay(TestCluster cluster, @TempDir Path dir) throws Exception {
        Path file = firstCandles(dir, 600);
        List<Bar> candles = CandleCsvReader.readAll(file, BundledDataset.SYMBOL, Timeframe.ONE_MINUTE);
        Topics topics = cluster.topics();
        IngestProperties props = TestIngestProperties.replay(cluster, file, 3000);

        try (MarketDataIngest first = MarketDataIngest.start(props, Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    cluster.read(topics.marketBars(Timeframe.ONE_MINUTE), 50, Duration.ofMillis(500)).size() >= 50);
        }
        try (MarketDataIngest second = MarketDataIngest.start(TestIngestProperties.replay(cluster, file, 0), Clock.systemUTC())) {
            assertThat(second.awaitFeed(Duration.ofSeconds(60))).isTrue();
            var bars = cluster.read(topics.marketBars(Timeframe.ONE_MINUTE), 600, Duration.ofSeconds(90));

            Set<String> ids = new HashSet<>();
            bars.forEach(r -> assertThat(ids.add(r.value().getEventId())).as("duplicate bar %s", r.value().getOpenTime()).isTrue());
            assertExactly(candles, bars.stream().map(ConsumerRecord::value)
                    .sorted(java.util.Comparator.comparing(io.agenthub.schemas.events.Bar::getOpenTime)).toList());
        }
    }

    @Test
    void shouldBuildSecondAndMinuteBarsWhenFeedIsSynthetic(TestCluster cluster) {
        Topics topics = cluster.topics();
        IngestProperties props = TestIngestProperties.synthetic(cluster,
                new IngestProperties.Synthetic(11, Duration.ofMillis(500), 600, 0.5, 1.5, 0.5, 0.05, Duration.ZERO));

        try (MarketDataIngest ingest = MarketDataIngest.start(props, Clock.systemUTC())) {
            var minutes = cluster.read(topics.marketBars(Timeframe.ONE_MINUTE), 2, Duration.ofSeconds(60));
            var seconds = cluster.read(topics.marketBars(Timeframe.ONE_SECOND), 10, Duration.ofSeconds(30));

            assertThat(minutes).hasSizeGreaterThanOrEqualTo(2);
            assertThat(minutes.get(1).value().getTickCount()).as("a whole minute at 2 ticks a second").isEqualTo(120);
            assertThat(seconds).allSatisfy(r -> assertThat(r.value().getTickCount()).isEqualTo(2));
            assertThat(ingest.feedSource()).isEqualTo("synthetic");
        }
    }

    @Test
    void shouldBuildBarsEqualToTheVenuesKlinesWhenTheHashKeyStreamIsCutAndBackfilled(TestCluster cluster) throws Exception {
        Topics topics = cluster.topics();
        List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 41, Instant.parse("2026-03-02T10:00:07Z"), 600);
        try (HashKeyMarketPeer peer = HashKeyMarketPeer.builder().trades(history).pushDelay(Duration.ofMillis(2)).start()) {
            peer.dropConnectionAfterTrade(200, 330);
            List<Bar> klines = peer.klines("BTCUSDT");
            List<Bar> closed = klines.subList(0, klines.size() - 1);

            try (MarketDataIngest ingest = MarketDataIngest.start(TestIngestProperties.hashKey(cluster, peer.restBaseUrl(), peer.wsUrl()),
                    Clock.systemUTC())) {
                var bars = cluster.readUntil(topics.marketBars(Timeframe.ONE_MINUTE),
                        read -> read.size() >= closed.size(), Duration.ofSeconds(90));

                assertThat(ingest.feedSource()).isEqualTo("hashkey");
                assertThat(peer.connectionCount()).isEqualTo(2);
                assertExactly(closed, bars.stream().map(ConsumerRecord::value).limit(closed.size()).toList());
                assertThat(ingest.counters().get("repaired_minutes")).isPositive();
            }
        }
    }

    private static Path firstCandles(Path dir, int count) throws Exception {
        List<String> lines = Files.readAllLines(BundledDataset.require());
        Path file = dir.resolve("first-" + count + ".csv");
        Files.write(file, lines.subList(0, count + 1));
        return file;
    }

    private static void assertExactly(List<Bar> candles, List<io.agenthub.schemas.events.Bar> bars) {
        assertThat(bars).hasSameSizeAs(candles);
        for (int i = 0; i < candles.size(); i++) {
            Bar c = candles.get(i);
            io.agenthub.schemas.events.Bar b = bars.get(i);
            assertThat(b.getOpenTime()).as("bar %d", i).isEqualTo(c.openTime());
            assertThat(b.getOpen()).as("open of %s", c.openTime()).isEqualByComparingTo(c.open());
            assertThat(b.getHigh()).as("high of %s", c.openTime()).isEqualByComparingTo(c.high());
            assertThat(b.getLow()).as("low of %s", c.openTime()).isEqualByComparingTo(c.low());
            assertThat(b.getClose()).as("close of %s", c.openTime()).isEqualByComparingTo(c.close());
            assertThat(b.getVolume()).as("volume of %s", c.openTime()).isEqualByComparingTo(c.volume());
        }
    }
}
