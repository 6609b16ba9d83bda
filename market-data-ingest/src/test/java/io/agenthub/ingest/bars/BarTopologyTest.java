package io.agenthub.ingest.bars;

import io.agenthub.core.market.BarBuilder;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.ingest.bars.state.BarBuilderState;
import io.agenthub.ingest.publish.MarketEvents;
import io.agenthub.schemas.events.Bar;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.Tick;
import io.agenthub.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class BarTopologyTest {

    private static final Symbol BTC = new Symbol("BTC", "USDT");
    private final Topics topics = Topics.standard();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> ticks;
    private TestInputTopic<byte[], byte[]> rawTicks;
    private TestOutputTopic<String, Bar> minuteBars;
    private TestOutputTopic<String, Bar> secondBars;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;

    @BeforeEach
    void setUp() {
        BarBuilder builder = new BarBuilder(List.of(Timeframe.ONE_SECOND, Timeframe.ONE_MINUTE), Duration.ofSeconds(2));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bars-test");
        driver = new TopologyTestDriver(BarTopology.build(topics, builder, Instruments.defaults()), props);
        ticks = driver.createInputTopic(topics.marketTicks().name(), Serdes.String().serializer(), topics.marketTicks().valueSerde().serializer());
        rawTicks = driver.createInputTopic(topics.marketTicks().name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        minuteBars = driver.createOutputTopic(topics.marketBars(Timeframe.ONE_MINUTE).name(), Serdes.String().deserializer(), topics.marketBars(Timeframe.ONE_MINUTE).valueSerde().deserializer());
        secondBars = driver.createOutputTopic(topics.marketBars(Timeframe.ONE_SECOND).name(), Serdes.String().deserializer(), topics.marketBars(Timeframe.ONE_SECOND).valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(topics.marketTicks()).name(), Serdes.ByteArray().deserializer(), topics.deadLetters(topics.marketTicks()).valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(MarketTick tick) {
        ticks.pipeInput(tick.symbol().toString(), MarketEvents.toTick(tick, "test", tick.time()), tick.time());
    }

    private void watermark(String time) {
        ticks.pipeInput(BTC.toString(), MarketEvents.toWatermark(BTC, Instant.parse(time), "test", Instant.now()));
    }

    private static MarketTick tick(String time, String price, String size) {
        return MarketTick.trade(BTC, Instant.parse(time), new BigDecimal(price), new BigDecimal(size), time);
    }

    private static io.agenthub.core.market.Bar candle(String openTime, String o, String h, String l, String c, String v) {
        return new io.agenthub.core.market.Bar(BTC, Timeframe.ONE_MINUTE, Instant.parse(openTime),
                new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c), new BigDecimal(v));
    }

    @Test
    void shouldReproduceCandlesExactlyWhenTheirTickPathsAreReplayedAndWatermarked() {
        List<io.agenthub.core.market.Bar> candles = List.of(
                candle("2023-03-01T00:00:00Z", "23140.48", "23150.77", "23128.52", "23142.31", "2.131777"),
                candle("2023-03-01T00:01:00Z", "23143.89", "23148.8", "23137.61", "23137.77", "0.881378"),
                candle("2023-03-01T00:02:00Z", "23141.8", "23141.8", "23141.8", "23141.8", "0"));
        candles.forEach(c -> CandleTickPath.of(c, 8).forEach(this::send));

        watermark("2023-03-01T00:03:00Z");

        List<Bar> bars = minuteBars.readValuesToList();
        assertThat(bars).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Bar bar = bars.get(i);
            io.agenthub.core.market.Bar c = candles.get(i);
            assertThat(bar.getOpenTime()).isEqualTo(c.openTime());
            assertThat(bar.getCloseTime()).isEqualTo(c.closeTime());
            assertThat(bar.getEventTime()).isEqualTo(c.closeTime());
            assertThat(bar.getTimeframe()).isEqualTo("1m");
            assertThat(bar.getOpen()).isEqualByComparingTo(c.open());
            assertThat(bar.getHigh()).isEqualByComparingTo(c.high());
            assertThat(bar.getLow()).isEqualByComparingTo(c.low());
            assertThat(bar.getClose()).isEqualByComparingTo(c.close());
            assertThat(bar.getVolume()).isEqualByComparingTo(c.volume());
            assertThat(bar.getTickCount()).isEqualTo(4);
        }
        assertThat(secondBars.readValuesToList()).hasSize(12);
        assertThat(store().get("BTC/USDT").getOpenBars()).isEmpty();
    }

    @Test
    void shouldKeepBarOpenInStoreUntilHorizonPassesItsEnd() {
        send(tick("2023-03-01T00:00:10Z", "100", "1"));
        send(tick("2023-03-01T00:00:59Z", "101", "1"));
        send(tick("2023-03-01T00:01:01Z", "102", "1"));

        assertThat(minuteBars.isEmpty()).isTrue();
        BarBuilderState state = store().get("BTC/USDT");
        assertThat(state.getOpenBars()).anySatisfy(bar -> {
            assertThat(bar.getTimeframeSeconds()).isEqualTo(60);
            assertThat(bar.getOpenTime()).isEqualTo(Instant.parse("2023-03-01T00:00:00Z").toEpochMilli());
            assertThat(bar.getTickCount()).isEqualTo(2);
        });
        assertThat(state.getMaxEventTime()).isEqualTo(Instant.parse("2023-03-01T00:01:01Z").toEpochMilli());

        send(tick("2023-03-01T00:01:02Z", "103", "1"));

        assertThat(minuteBars.readValuesToList()).singleElement()
                .satisfies(bar -> assertThat(bar.getClose()).isEqualByComparingTo("101"));
    }

    @Test
    void shouldUseEarliestTickAsOpenWhenTicksArriveOutOfOrderWithinGrace() {
        send(tick("2023-03-01T00:00:30Z", "101", "1"));
        send(tick("2023-03-01T00:01:01Z", "110", "1"));
        send(tick("2023-03-01T00:00:02Z", "99", "1"));
        watermark("2023-03-01T00:01:00Z");

        Bar bar = minuteBars.readValue();
        assertThat(bar.getOpen()).isEqualByComparingTo("99");
        assertThat(bar.getClose()).isEqualByComparingTo("101");
        assertThat(bar.getVolume()).isEqualByComparingTo("2");
    }

    @Test
    void shouldDropAndCountLateTickWhenItsBarIsAlreadyPublished() {
        send(tick("2023-03-01T00:00:30Z", "101", "1"));
        send(tick("2023-03-01T00:01:30Z", "105", "1"));
        Bar published = minuteBars.readValue();

        send(tick("2023-03-01T00:00:40Z", "1", "5"));
        send(tick("2023-03-01T00:02:30Z", "106", "1"));

        assertThat(published.getLow()).isEqualByComparingTo("101");
        assertThat(minuteBars.readValuesToList()).extracting(Bar::getOpenTime)
                .containsExactly(Instant.parse("2023-03-01T00:01:00Z"));
        assertThat(store().get("BTC/USDT").getLateTicks()).isEqualTo(2);
        assertThat(metric("late-ticks-total")).isEqualTo(2.0);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterGarbageAndUnknownSymbolsAndKeepBuildingWhenInputIsBad() {
        send(tick("2023-03-01T00:00:10Z", "100", "1"));
        rawTicks.pipeInput("BTC/USDT".getBytes(StandardCharsets.UTF_8), new byte[]{1, 2, 3});
        Tick pepe = MarketEvents.toTick(tick("2023-03-01T00:00:11Z", "100", "1"), "test", Instant.now());
        pepe.setSymbol("PEPE/USDT");
        ticks.pipeInput("PEPE/USDT", pepe);
        ticks.pipeInput("ETH/USDT", MarketEvents.toTick(tick("2023-03-01T00:00:12Z", "100", "1"), "test", Instant.now()));
        send(tick("2023-03-01T00:00:20Z", "102", "1"));
        watermark("2023-03-01T00:01:00Z");

        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertThat(letters).extracting(DeadLetter::getErrorMessage).satisfiesExactly(
                m -> assertThat(m).contains("not a single-object-encoded Tick or MarketWatermark"),
                m -> assertThat(m).contains("PEPE/USDT is not supported"),
                m -> assertThat(m).contains("record key 'ETH/USDT' does not match its symbol BTC/USDT"));
        assertThat(letters).allSatisfy(l -> assertThat(l.getApplication()).isEqualTo("market-data-ingest"));
        assertThat(minuteBars.readValue().getVolume()).isEqualByComparingTo("2");
    }

    @Test
    void shouldCountTradeOnceWhenFeedSendsItAgain() {
        MarketTick trade = tick("2023-03-01T00:00:10Z", "100", "1");
        send(trade);
        send(tick("2023-03-01T00:00:20Z", "101", "1"));
        send(trade);
        watermark("2023-03-01T00:01:00Z");

        assertThat(minuteBars.readValue().getVolume()).isEqualByComparingTo("2");
        assertThat(metric("duplicate-ticks-total")).isEqualTo(1.0);
    }

    @Test
    void shouldForgetOldTradeIdsWhenTheyCanNoLongerTouchAnOpenBar() {
        Instant start = Instant.parse("2023-03-01T00:00:00Z");
        for (int i = 0; i < 1_000; i++) {
            Instant t = start.plusSeconds(i);
            send(MarketTick.trade(BTC, t, new BigDecimal("100"), BigDecimal.ONE, "t" + i));
        }

        long remembered = 0;
        try (var all = seenTrades().all()) {
            while (all.hasNext()) {
                all.next();
                remembered++;
            }
        }
        assertThat(remembered).as("only about the last 2 min 2 s of ids").isBetween(100L, 130L);
    }

    @SuppressWarnings("unchecked")
    private KeyValueStore<String, Long> seenTrades() {
        return (KeyValueStore<String, Long>) (KeyValueStore<?, ?>) driver.getKeyValueStore(BarTopology.SEEN_TRADES_STORE);
    }

    @SuppressWarnings("unchecked")
    private KeyValueStore<String, BarBuilderState> store() {
        return (KeyValueStore<String, BarBuilderState>) (KeyValueStore<?, ?>) driver.getKeyValueStore(BarTopology.STATE_STORE);
    }

    private double metric(String name) {
        return driver.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }
}
