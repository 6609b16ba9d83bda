package io.agenthub.core.market;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarBuilderTest {

    private static final Symbol BTC = TestCandles.BTC;
    private final BarBuilder builder = new BarBuilder(List.of(Timeframe.ONE_MINUTE, Timeframe.ONE_SECOND), Duration.ofSeconds(2));

    private static MarketTick tick(String time, String price) {
        return MarketTick.trade(BTC, Instant.parse(time), new BigDecimal(price), BigDecimal.ONE, time);
    }

    private final List<BarAccumulator> emitted = new ArrayList<>();
    private BarBuilder.State state = BarBuilder.State.empty(BTC);

    private void feed(MarketTick tick) {
        BarBuilder.Step step = builder.onTick(state, tick);
        state = step.state();
        emitted.addAll(step.closed());
    }

    private void watermark(String time) {
        BarBuilder.Step step = builder.onWatermark(state, Instant.parse(time));
        state = step.state();
        emitted.addAll(step.closed());
    }

    @Test
    void shouldCloseMinuteBarWhenTickPassesItsEndPlusGrace() {
        feed(tick("2023-03-01T00:00:10Z", "100"));
        feed(tick("2023-03-01T00:00:50Z", "101"));
        feed(tick("2023-03-01T00:01:01Z", "102"));
        assertThat(emitted).extracting(b -> b.timeframe().label()).doesNotContain("1m");

        feed(tick("2023-03-01T00:01:02Z", "103"));

        List<BarAccumulator> minutes = emitted.stream().filter(b -> b.timeframe().equals(Timeframe.ONE_MINUTE)).toList();
        assertThat(minutes).singleElement().satisfies(bar -> {
            assertThat(bar.openTime()).isEqualTo(Instant.parse("2023-03-01T00:00:00Z"));
            assertThat(bar.open()).isEqualByComparingTo("100");
            assertThat(bar.close()).isEqualByComparingTo("101");
            assertThat(bar.tickCount()).isEqualTo(2);
        });
    }

    @Test
    void shouldCloseOpenBarsWhenWatermarkPassesTheirEnd() {
        feed(tick("2023-03-01T00:00:10Z", "100"));

        watermark("2023-03-01T00:01:00Z");

        assertThat(emitted).extracting(b -> b.timeframe().label() + "@" + b.openTime())
                .containsExactly("1s@2023-03-01T00:00:10Z", "1m@2023-03-01T00:00:00Z");
        assertThat(state.open()).isEmpty();
    }

    @Test
    void shouldIncludeOutOfOrderTickWhenItArrivesWithinGrace() {
        feed(tick("2023-03-01T00:00:30Z", "101"));
        feed(tick("2023-03-01T00:01:01Z", "105"));
        feed(tick("2023-03-01T00:00:05Z", "99"));
        feed(tick("2023-03-01T00:01:30Z", "106"));

        BarAccumulator minute = emitted.stream().filter(b -> b.timeframe().equals(Timeframe.ONE_MINUTE)).findFirst().orElseThrow();
        assertThat(minute.open()).isEqualByComparingTo("99");
        assertThat(minute.low()).isEqualByComparingTo("99");
        assertThat(minute.close()).isEqualByComparingTo("101");
        assertThat(state.lateDrops()).as("too late for its 1s bar, in time for its 1m bar").isEqualTo(1);
    }

    @Test
    void shouldDropAndCountTickWhenItsBarHasClosed() {
        feed(tick("2023-03-01T00:00:30Z", "101"));
        feed(tick("2023-03-01T00:01:30Z", "105"));
        int emittedBefore = emitted.size();

        feed(tick("2023-03-01T00:00:40Z", "50"));

        assertThat(emitted).hasSize(emittedBefore);
        assertThat(state.lateDrops()).isEqualTo(2);
        assertThat(state.open()).noneMatch(b -> b.low().compareTo(new BigDecimal("50")) == 0);
    }

    @Test
    void shouldIgnoreWatermarkWhenItGoesBackwards() {
        watermark("2023-03-01T00:05:00Z");
        watermark("2023-03-01T00:04:00Z");

        assertThat(state.watermark()).isEqualTo(Instant.parse("2023-03-01T00:05:00Z"));
    }

    @Test
    void shouldRefuseTickWhenSymbolDiffers() {
        MarketTick eth = MarketTick.trade(new Symbol("ETH", "USDT"), Instant.EPOCH, BigDecimal.ONE, BigDecimal.ONE, "x");

        assertThatThrownBy(() -> builder.onTick(state, eth)).hasMessageContaining("ETH/USDT");
    }
}
