package io.agenthub.ingest.feed.hashkey.repair;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BarAccumulator;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static io.agenthub.ingest.feed.hashkey.HashKeyFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;

class RepairPlannerTest {

    private static final Instrument BTC = Instruments.defaults().resolve("BTCUSDT");
    private static final Symbol SYMBOL = BTC.symbol();
    private static final Instant MINUTE = Instant.parse("2024-03-01T10:05:00Z");

    @Test
    void shouldPublishTheCandlePathWhenNoTradeOfTheMinuteWasPublished() {
        // Given a kline and nothing published for its minute
        Bar kline = bar("100.00", "105.50", "99.00", "101.25", "1.00000001");

        // When the minute is planned
        RepairPlan plan = RepairPlanner.plan(BTC, MINUTE, Optional.empty(), Optional.of(kline));

        // Then the four-tick candle path is published under backfill ids and rebuilds the kline exactly
        assertThat(plan.contradictions()).isEmpty();
        assertThat(plan.ticks()).extracting(MarketTick::tradeId)
                .containsExactly("bf-" + MINUTE.toEpochMilli() + "-0", "bf-" + MINUTE.toEpochMilli() + "-1",
                        "bf-" + MINUTE.toEpochMilli() + "-2", "bf-" + MINUTE.toEpochMilli() + "-3");
        assertThat(plan.ticks()).extracting(MarketTick::time)
                .containsExactly(MINUTE, MINUTE.plusSeconds(15), MINUTE.plusSeconds(30), MINUTE.plusSeconds(45));
        assertThat(rebuild(List.of(), plan)).isEqualTo(normalized(kline));
    }

    @Test
    void shouldPublishNothingWhenThePublishedTradesAlreadyMakeTheKline() {
        // Given every trade of the minute was published
        List<MarketTick> trades = List.of(trade(1_000, "100"), trade(20_000, "102"), trade(59_000, "101"));
        Bar kline = klineOf(trades);

        // When the minute is planned
        RepairPlan plan = RepairPlanner.plan(BTC, MINUTE, Optional.of(accumulate(trades)), Optional.of(kline));

        // Then there is nothing to add
        assertThat(plan).isEqualTo(RepairPlan.NOTHING);
    }

    @Test
    void shouldRestoreOpenExtremesCloseAndVolumeWhenTradesWereMissedAroundThePublishedOnes() {
        // Given the venue's minute, of which only the middle trades were published
        List<MarketTick> all = List.of(trade(500, "100"), trade(5_000, "110"), trade(20_000, "104"),
                trade(30_000, "103"), trade(45_000, "95"), trade(58_000, "99"));
        List<MarketTick> published = all.subList(2, 4);

        // When the minute is planned
        RepairPlan plan = RepairPlanner.plan(BTC, MINUTE, Optional.of(accumulate(published)), Optional.of(klineOf(all)));

        // Then an open at the minute start, the missed high and low, and the close with the missing volume follow
        assertThat(plan.contradictions()).isEmpty();
        assertThat(plan.ticks()).extracting(MarketTick::tradeId).containsExactly(
                "bf-" + MINUTE.toEpochMilli() + "-o", "bf-" + MINUTE.toEpochMilli() + "-h",
                "bf-" + MINUTE.toEpochMilli() + "-l", "bf-" + MINUTE.toEpochMilli() + "-c");
        assertThat(plan.ticks().getFirst().time()).isEqualTo(MINUTE);
        assertThat(plan.ticks().subList(1, 4)).allSatisfy(tick -> assertThat(tick.time()).isAfter(MINUTE.plusMillis(30_000)));
        assertThat(plan.ticks().getLast().size()).isEqualByComparingTo(klineOf(all).volume().subtract(accumulate(published).volume()));
        assertThat(rebuild(published, plan)).isEqualTo(normalized(klineOf(all)));
    }

    @Test
    void shouldKeepAdjustmentsInsideTheMinuteWhenTheLastPublishedTradeIsAtItsLastMillisecond() {
        // Given the last published trade sits at the minute's last millisecond and a higher trade was missed
        List<MarketTick> all = List.of(trade(1_000, "100"), trade(2_000, "120"), trade(59_999, "101"));
        List<MarketTick> published = List.of(all.get(0), all.get(2));

        // When the minute is planned
        RepairPlan plan = RepairPlanner.plan(BTC, MINUTE, Optional.of(accumulate(published)), Optional.of(klineOf(all)));

        // Then the high and close ticks share that millisecond, the close arriving last
        assertThat(plan.ticks()).extracting(MarketTick::time).containsOnly(MINUTE.plusMillis(59_999));
        assertThat(rebuild(published, plan)).isEqualTo(normalized(klineOf(all)));
    }

    @Test
    void shouldPublishNothingWhenTheVenueReportsNoTradeAndNoneWasPublished() {
        Bar zeroVolume = bar("100", "100", "100", "100", "0");

        assertThat(RepairPlanner.plan(BTC, MINUTE, Optional.empty(), Optional.empty())).isEqualTo(RepairPlan.NOTHING);
        assertThat(RepairPlanner.plan(BTC, MINUTE, Optional.empty(), Optional.of(zeroVolume))).isEqualTo(RepairPlan.NOTHING);
    }

    @Test
    void shouldReportAContradictionWhenTradesWerePublishedForAMinuteTheVenueSaysHadNone() {
        List<MarketTick> published = List.of(trade(1_000, "100"));

        RepairPlan plan = RepairPlanner.plan(BTC, MINUTE, Optional.of(accumulate(published)), Optional.empty());

        assertThat(plan.ticks()).isEmpty();
        assertThat(plan.contradictions()).singleElement().asString().contains("no trade", "1 trades");
    }

    @Test
    void shouldReportContradictionsAndStillFixTheCloseWhenPublishedTradesExceedTheKline() {
        // Given published trades with a higher high, a lower low and more volume than the venue's kline
        List<MarketTick> published = List.of(trade(1_000, "100", "5"), trade(2_000, "130", "5"), trade(3_000, "90", "5"));
        Bar kline = bar("100", "120", "95", "110", "10");

        // When the minute is planned
        RepairPlan plan = RepairPlanner.plan(BTC, MINUTE, Optional.of(accumulate(published)), Optional.of(kline));

        // Then all three contradictions are named, and a zero-size close tick still sets the venue's close
        assertThat(plan.contradictions()).hasSize(3)
                .anySatisfy(c -> assertThat(c).contains("high 130", "above"))
                .anySatisfy(c -> assertThat(c).contains("low 90", "below"))
                .anySatisfy(c -> assertThat(c).contains("volume 15", "exceeds"));
        assertThat(plan.ticks()).singleElement().satisfies(tick -> {
            assertThat(tick.price()).isEqualByComparingTo("110");
            assertThat(tick.size()).isZero();
        });
    }

    @Test
    void shouldReportTheOpenAsUnrestorableWhenAPublishedTradeSitsAtTheMinuteStart() {
        List<MarketTick> published = List.of(trade(0, "101"), trade(10_000, "102"));
        Bar kline = bar("100", "102", "100", "102", "3");

        RepairPlan plan = RepairPlanner.plan(BTC, MINUTE, Optional.of(accumulate(published)), Optional.of(kline));

        assertThat(plan.contradictions()).singleElement().asString().contains("open 100", "first millisecond");
        assertThat(plan.ticks()).extracting(MarketTick::tradeId).doesNotContain("bf-" + MINUTE.toEpochMilli() + "-o");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void shouldRebuildTheKlineExactlyWhenAnyRunOfTradesWasMissed(long seed) {
        // Given a random minute of trades and a random part of it published (a prefix, a suffix, the middle or scattered)
        SplittableRandom random = new SplittableRandom(seed);
        List<MarketTick> all = randomMinute(random);
        List<MarketTick> published = new ArrayList<>();
        int from = random.nextInt(all.size());
        int to = from + random.nextInt(all.size() - from);
        boolean scattered = random.nextBoolean();
        for (int i = 0; i < all.size(); i++) {
            boolean inRun = i >= from && i <= to;
            if (scattered ? random.nextInt(3) == 0 : inRun) {
                published.add(all.get(i));
            }
        }
        Bar kline = klineOf(all);

        // When the minute is planned
        RepairPlan plan = RepairPlanner.plan(BTC, MINUTE,
                published.isEmpty() ? Optional.empty() : Optional.of(accumulate(published)), Optional.of(kline));

        // Then what was published plus the plan rebuilds the kline, and nothing contradicts
        assertThat(plan.contradictions()).isEmpty();
        assertThat(rebuild(published, plan)).isEqualTo(normalized(kline));
        assertThat(plan.ticks()).allSatisfy(tick -> assertThat(tick.time()).isBetween(MINUTE, MINUTE.plusMillis(59_999)));
    }

    private static List<MarketTick> randomMinute(SplittableRandom random) {
        List<MarketTick> trades = new ArrayList<>();
        int count = 1 + random.nextInt(40);
        long offset = random.nextInt(2) == 0 ? 0 : random.nextInt(1_000);
        BigDecimal price = new BigDecimal("60000.00");
        for (int i = 0; i < count && offset < 60_000; i++) {
            price = price.add(BigDecimal.valueOf(random.nextInt(-500, 501), 2));
            trades.add(trade(offset, price.toPlainString(), BigDecimal.valueOf(1 + random.nextInt(100_000), 5).toPlainString()));
            offset += 1 + random.nextInt(3_000);
        }
        return trades;
    }

    private static Bar rebuild(List<MarketTick> published, RepairPlan plan) {
        BarAccumulator bar = null;
        List<MarketTick> ticks = new ArrayList<>(published);
        ticks.addAll(plan.ticks());
        for (MarketTick tick : ticks) {
            bar = bar == null ? BarAccumulator.start(Timeframe.ONE_MINUTE, tick) : bar.add(tick);
        }
        return bar == null ? null : normalized(bar.toBar());
    }

    private static BarAccumulator accumulate(List<MarketTick> trades) {
        BarAccumulator bar = BarAccumulator.start(Timeframe.ONE_MINUTE, trades.getFirst());
        for (MarketTick trade : trades.subList(1, trades.size())) {
            bar = bar.add(trade);
        }
        return bar;
    }

    private static Bar klineOf(List<MarketTick> trades) {
        return accumulate(trades).toBar();
    }

    private static MarketTick trade(long offsetMillis, String price) {
        return trade(offsetMillis, price, "0.5");
    }

    private static MarketTick trade(long offsetMillis, String price, String size) {
        return MarketTick.trade(SYMBOL, MINUTE.plusMillis(offsetMillis), new BigDecimal(price), new BigDecimal(size), "t" + offsetMillis);
    }

    private static Bar bar(String open, String high, String low, String close, String volume) {
        return new Bar(SYMBOL, Timeframe.ONE_MINUTE, MINUTE, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
                new BigDecimal(close), new BigDecimal(volume));
    }
}
