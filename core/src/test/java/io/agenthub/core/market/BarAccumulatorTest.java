package io.agenthub.core.market;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

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
}
