package io.agenthub.core.venue;

import io.agenthub.core.market.TickKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PriceHistoryTest {

    @Test
    void shouldFindTheFirstTickAtOrAfterATimeWhenTheRingHasWrapped() {
        PriceHistory history = new PriceHistory(4);
        for (int i = 1; i <= 7; i++) {
            history.add(i * 10L, BigDecimal.valueOf(i), i % 2 == 0 ? TickKind.CANDLE_PATH : TickKind.TRADE);
        }

        assertThat(history.firstAtOrAfter(45)).isEqualTo(new PriceHistory.Point(50, BigDecimal.valueOf(5), TickKind.TRADE));
        assertThat(history.firstAtOrAfter(60)).isEqualTo(new PriceHistory.Point(60, BigDecimal.valueOf(6), TickKind.CANDLE_PATH));
        assertThat(history.firstAtOrAfter(5)).as("older than all kept: the oldest kept").isEqualTo(
                new PriceHistory.Point(40, BigDecimal.valueOf(4), TickKind.CANDLE_PATH));
        assertThat(history.firstAtOrAfter(71)).as("later than all").isNull();
        assertThat(new PriceHistory(3).firstAtOrAfter(0)).isNull();
    }

    @Test
    void shouldFindTheFirstOfTicksWithTheSameTime() {
        PriceHistory history = new PriceHistory(8);
        history.add(10, BigDecimal.ONE);
        history.add(20, BigDecimal.TWO);
        history.add(20, BigDecimal.TEN);
        history.add(30, BigDecimal.ONE);

        assertThat(history.firstAtOrAfter(20).price()).isEqualTo(BigDecimal.TWO);
    }
}
