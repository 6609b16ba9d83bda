package io.agenthub.core.trading;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PositionTest {

    private static Fill fill(Side side, String price, String qty, String fee) {
        return new Fill(new ClientOrderId("a-1-0"), side, new BigDecimal(price), new BigDecimal(qty), new BigDecimal(fee), Liquidity.TAKER, 1);
    }

    @Test
    void shouldAverageEntryAndRealiseExactlyWhenLongIsBuiltAndClosed() {
        Position p = Position.flat();
        p = p.apply(fill(Side.BUY, "100.00", "1", "0.1")).after();
        p = p.apply(fill(Side.BUY, "110.00", "3", "0.33")).after();
        assertThat(p.averagePrice()).isEqualByComparingTo("107.5");

        Position.Change reduce = p.apply(fill(Side.SELL, "120.00", "1", "0.12"));
        assertThat(reduce.kind()).isEqualTo(Position.Change.Kind.REDUCED);
        assertThat(reduce.realized()).isEqualByComparingTo("12.5");

        Position.Change close = reduce.after().apply(fill(Side.SELL, "100.00", "3", "0.3"));
        assertThat(close.kind()).isEqualTo(Position.Change.Kind.CLOSED);
        assertThat(close.realized()).isEqualByComparingTo("-22.5");
        assertThat(close.after().realizedPnl()).isEqualByComparingTo("-10");
        assertThat(close.after().fees()).isEqualByComparingTo("0.85");
        assertThat(close.after().isFlat()).isTrue();
    }

    @Test
    void shouldGainWhenShortAndPriceFalls() {
        Position p = Position.flat().apply(fill(Side.SELL, "200", "0.5", "0")).after();

        assertThat(p.side()).isEqualTo(PositionSide.SHORT);
        assertThat(p.unrealizedPnl(new BigDecimal("190"))).isEqualByComparingTo("5");
        assertThat(p.apply(fill(Side.BUY, "180", "0.5", "0")).realized()).isEqualByComparingTo("10");
    }

    @Test
    void shouldFlipWhenAFillExceedsThePosition() {
        Position.Change change = Position.flat().apply(fill(Side.BUY, "100", "1", "0")).after()
                .apply(fill(Side.SELL, "105", "3", "0"));

        assertThat(change.kind()).isEqualTo(Position.Change.Kind.FLIPPED);
        assertThat(change.realized()).isEqualByComparingTo("5");
        assertThat(change.after().side()).isEqualTo(PositionSide.SHORT);
        assertThat(change.after().quantity()).isEqualByComparingTo("2");
    }
}
