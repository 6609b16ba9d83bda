package io.agenthub.core.market;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarAccumulatorTest {

    private static MarketTick tick(String time, String price, String size) {
        return MarketTick.trade(TestCandles.BTC, Instant.parse(time), new BigDecimal(price), new BigDecimal(size), time);
    }

    @Test
    void shouldKeepEarliestAsOpenAndLatestAsCloseWhenTicksArriveOutOfOrder() {
        BarAccumulator acc = BarAccumulator.start(Timeframe.ONE_MINUTE, tick("2023-03-01T00:00:30Z", "101", "1"))
                .add(tick("2023-03-01T00:00:50Z", "103", "1"))
                .add(tick("2023-03-01T00:00:05Z", "100", "1"))
                .add(tick("2023-03-01T00:00:40Z", "99", "1"));

        Bar bar = acc.toBar();

        assertThat(bar.openTime()).isEqualTo(Instant.parse("2023-03-01T00:00:00Z"));
        assertThat(bar.open()).isEqualByComparingTo("100");
        assertThat(bar.high()).isEqualByComparingTo("103");
        assertThat(bar.low()).isEqualByComparingTo("99");
        assertThat(bar.close()).isEqualByComparingTo("103");
        assertThat(bar.volume()).isEqualByComparingTo("4");
        assertThat(acc.tickCount()).isEqualTo(4);
    }

    @Test
    void shouldLetFirstArrivalOpenAndLastArrivalCloseWhenTimesTie() {
        BarAccumulator acc = BarAccumulator.start(Timeframe.ONE_MINUTE, tick("2023-03-01T00:00:00Z", "100", "1"))
                .add(tick("2023-03-01T00:00:00Z", "105", "1"));

        assertThat(acc.open()).isEqualByComparingTo("100");
        assertThat(acc.close()).isEqualByComparingTo("105");
    }

    @Test
    void shouldRefuseTickWhenItBelongsToAnotherBar() {
        BarAccumulator acc = BarAccumulator.start(Timeframe.ONE_MINUTE, tick("2023-03-01T00:00:00Z", "100", "1"));

        assertThatThrownBy(() -> acc.add(tick("2023-03-01T00:01:00Z", "100", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void shouldBuildTheSameLongBarWhenItsMinutesAreAccumulatedApartAndMerged() {
        Timeframe fiveMinutes = Timeframe.ofSeconds(300);
        List<MarketTick> ticks = List.of(
                tick("2023-03-01T00:00:10Z", "100", "1"), tick("2023-03-01T00:00:50Z", "104", "2"),
                tick("2023-03-01T00:01:20Z", "98", "1.5"), tick("2023-03-01T00:02:05Z", "101", "0.5"),
                tick("2023-03-01T00:03:59Z", "107", "3"), tick("2023-03-01T00:04:30Z", "103", "1"));
        BarAccumulator whole = BarAccumulator.start(fiveMinutes, ticks.getFirst());
        for (MarketTick tick : ticks.subList(1, ticks.size())) {
            whole = whole.add(tick);
        }
        java.util.Map<Instant, BarAccumulator> minutes = new java.util.TreeMap<>();
        for (MarketTick tick : ticks) {
            minutes.merge(Timeframe.ONE_MINUTE.openTimeOf(tick.time()), BarAccumulator.start(Timeframe.ONE_MINUTE, tick), (bar, t) -> bar.add(tick));
        }
        List<BarAccumulator> parts = List.copyOf(minutes.values());
        // the last minute is the open one: the earlier ones come back as closed bars, merged in before it
        BarAccumulator merged = parts.getLast().widen(fiveMinutes);
        for (BarAccumulator minute : parts.subList(0, parts.size() - 1)) {
            merged = merged.merge(BarAccumulator.of(minute.toBar()));
        }

        assertThat(merged.toBar()).isEqualTo(whole.toBar());
        assertThat(merged.openTickTime()).isEqualTo(Instant.parse("2023-03-01T00:00:00Z"));
        assertThat(merged.closeTickTime()).isEqualTo(Instant.parse("2023-03-01T00:04:30Z"));
    }

    @Test
    void shouldRefuseAPartWhenItLiesOutsideTheBar() {
        BarAccumulator minute = BarAccumulator.start(Timeframe.ONE_MINUTE, tick("2023-03-01T00:00:00Z", "100", "1"));
        BarAccumulator later = BarAccumulator.start(Timeframe.ONE_MINUTE, tick("2023-03-01T00:05:00Z", "100", "1"));

        assertThatThrownBy(() -> minute.widen(Timeframe.ofSeconds(300)).merge(later))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not part of");
        assertThatThrownBy(() -> minute.merge(minute.widen(Timeframe.ofSeconds(300))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
