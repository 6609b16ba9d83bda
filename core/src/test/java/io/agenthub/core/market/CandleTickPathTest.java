package io.agenthub.core.market;

import io.agenthub.core.market.csv.CandleCsvReader;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.agenthub.core.market.TestCandles.candle;
import static org.assertj.core.api.Assertions.assertThat;

class CandleTickPathTest {

    @Test
    void shouldVisitLowFirstWhenLowIsNearerToOpen() {
        Bar c = candle("2023-03-01T00:00:00Z", "100", "110", "98", "105", "1");

        List<MarketTick> ticks = CandleTickPath.of(c, 8);

        assertThat(ticks).extracting(MarketTick::price).extracting(BigDecimal::toPlainString)
                .containsExactly("100", "98", "110", "105");
        assertThat(ticks).extracting(MarketTick::time).containsExactly(
                Instant.parse("2023-03-01T00:00:00Z"), Instant.parse("2023-03-01T00:00:15Z"),
                Instant.parse("2023-03-01T00:00:30Z"), Instant.parse("2023-03-01T00:00:45Z"));
    }

    @Test
    void shouldVisitHighFirstWhenHighIsNearerToOpen() {
        Bar c = candle("2023-03-01T00:00:00Z", "100", "101", "90", "95", "1");

        assertThat(CandleTickPath.of(c, 8)).extracting(t -> t.price().toPlainString())
                .containsExactly("100", "101", "90", "95");
    }

    @Test
    void shouldVisitHighFirstWhenExtremesAreEquallyFar() {
        Bar c = candle("2023-03-01T00:00:00Z", "100", "105", "95", "100", "1");

        assertThat(CandleTickPath.of(c, 8)).extracting(t -> t.price().toPlainString())
                .containsExactly("100", "105", "95", "100");
    }

    @Test
    void shouldMarkTheOpenAsAGapAndTheLaterPointsAsAContinuousPathWhenACandleIsWalked() {
        Bar c = candle("2023-03-01T00:00:00Z", "100", "110", "98", "105", "1");

        assertThat(CandleTickPath.of(c, 8)).extracting(MarketTick::kind)
                .containsExactly(TickKind.CANDLE_OPEN, TickKind.CANDLE_PATH, TickKind.CANDLE_PATH, TickKind.CANDLE_PATH);
    }

    @Test
    void shouldPutExactRemainderOnLastTickWhenVolumeDoesNotSplitEvenly() {
        Bar c = candle("2023-03-01T00:00:00Z", "100", "101", "99", "100", "0.00000007");

        List<MarketTick> ticks = CandleTickPath.of(c, 8);

        assertThat(ticks).extracting(t -> t.size().toPlainString())
                .containsExactly("0.00000001", "0.00000001", "0.00000001", "0.00000004");
        assertThat(ticks.stream().map(MarketTick::size).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("0.00000007");
    }

    @Test
    void shouldSpreadTicksOverQuartersWhenTimeframeIsNotOneMinute() {
        Bar c = new Bar(TestCandles.BTC, Timeframe.parse("1h"), Instant.parse("2023-03-01T01:00:00Z"),
                BigDecimal.ONE, BigDecimal.TWO, BigDecimal.ONE, BigDecimal.TWO, BigDecimal.TEN);

        assertThat(CandleTickPath.of(c, 8)).extracting(MarketTick::time).containsExactly(
                Instant.parse("2023-03-01T01:00:00Z"), Instant.parse("2023-03-01T01:15:00Z"),
                Instant.parse("2023-03-01T01:30:00Z"), Instant.parse("2023-03-01T01:45:00Z"));
    }

    @Test
    void shouldRebuildEveryCandleExactlyWhenTicksOfBundledDatasetAreAccumulated() throws Exception {
        Path file = BundledDataset.require();
        List<Bar> candles = CandleCsvReader.readAll(file, BundledDataset.SYMBOL, Timeframe.ONE_MINUTE);
        assertThat(candles).hasSize(BundledDataset.CANDLES);

        for (Bar candle : candles) {
            List<MarketTick> ticks = CandleTickPath.of(candle, 8);
            BarAccumulator acc = BarAccumulator.start(Timeframe.ONE_MINUTE, ticks.getFirst());
            for (MarketTick tick : ticks.subList(1, 4)) {
                acc = acc.add(tick);
            }
            Bar rebuilt = acc.toBar();
            assertThat(rebuilt.openTime()).isEqualTo(candle.openTime());
            assertThat(rebuilt.open()).isEqualByComparingTo(candle.open());
            assertThat(rebuilt.high()).isEqualByComparingTo(candle.high());
            assertThat(rebuilt.low()).isEqualByComparingTo(candle.low());
            assertThat(rebuilt.close()).isEqualByComparingTo(candle.close());
            assertThat(rebuilt.volume()).as("volume of %s", candle.openTime()).isEqualByComparingTo(candle.volume());
        }
    }
}
