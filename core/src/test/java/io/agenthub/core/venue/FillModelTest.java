package io.agenthub.core.venue;

import io.agenthub.core.broker.OrderCommand.Trigger;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.market.TickKind;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The fill rules of {@code docs/fill-rules.md}, one by one; 10 bps of slippage so that it shows. */
class FillModelTest {

    private static final ExecutionCosts COSTS = new ExecutionCosts(new BigDecimal("0.0002"), new BigDecimal("0.0005"), BigDecimal.TEN);
    private static final Trigger LONG_STOP = new Trigger(OrderType.STOP_MARKET, new BigDecimal("98.00"));
    private static final Trigger LONG_TARGET = new Trigger(OrderType.LIMIT, new BigDecimal("104.00"));
    private static final Trigger SHORT_STOP = new Trigger(OrderType.STOP_MARKET, new BigDecimal("102.00"));
    private static final Trigger SHORT_TARGET = new Trigger(OrderType.LIMIT, new BigDecimal("96.00"));

    private static FillModel.Priced sell(Trigger trigger, String tick, TickKind kind) {
        return FillModel.triggered(Side.SELL, trigger, new BigDecimal(tick), kind, COSTS, 2);
    }

    private static FillModel.Priced buy(Trigger trigger, String tick, TickKind kind) {
        return FillModel.triggered(Side.BUY, trigger, new BigDecimal(tick), kind, COSTS, 2);
    }

    @Test
    void shouldFillAStopAtItsPriceLessSlippageWhenACandlesPathGoesThroughIt() {
        assertThat(sell(LONG_STOP, "91.00", TickKind.CANDLE_PATH)).isEqualTo(new FillModel.Priced(new BigDecimal("97.90"), Liquidity.TAKER));
        assertThat(buy(SHORT_STOP, "110.00", TickKind.CANDLE_PATH)).isEqualTo(new FillModel.Priced(new BigDecimal("102.11"), Liquidity.TAKER));
    }

    @Test
    void shouldFillAStopAtTheFirstPriceBeyondItWhenThePriceJumpsThroughIt() {
        assertThat(sell(LONG_STOP, "91.00", TickKind.TRADE).price()).isEqualByComparingTo("90.90");
        assertThat(sell(LONG_STOP, "91.00", TickKind.CANDLE_OPEN).price()).as("a candle that gaps through the stop").isEqualByComparingTo("90.90");
        assertThat(buy(SHORT_STOP, "110.00", TickKind.TRADE).price()).isEqualByComparingTo("110.11");
    }

    @Test
    void shouldFillATakeProfitAtItsPriceWhenTheMarketReachesIt() {
        assertThat(sell(LONG_TARGET, "109.00", TickKind.CANDLE_PATH)).isEqualTo(new FillModel.Priced(new BigDecimal("104.00"), Liquidity.MAKER));
        assertThat(sell(LONG_TARGET, "109.00", TickKind.TRADE).price()).as("a trade beyond a resting limit fills it at the limit")
                .isEqualByComparingTo("104.00");
        assertThat(buy(SHORT_TARGET, "90.00", TickKind.CANDLE_PATH).price()).isEqualByComparingTo("96.00");
    }

    @Test
    void shouldFillATakeProfitAtTheOpenWhenACandleOpensBeyondIt() {
        assertThat(sell(LONG_TARGET, "105.50", TickKind.CANDLE_OPEN)).isEqualTo(new FillModel.Priced(new BigDecimal("105.50"), Liquidity.MAKER));
        assertThat(buy(SHORT_TARGET, "95.10", TickKind.CANDLE_OPEN).price()).isEqualByComparingTo("95.10");
    }

    @Test
    void shouldFillAtTheTickLikeAMarketOrderWhenTheTickDoesNotReachTheLevel() {
        assertThat(sell(LONG_STOP, "99.00", TickKind.CANDLE_PATH)).isEqualTo(new FillModel.Priced(new BigDecimal("98.90"), Liquidity.TAKER));
        assertThat(sell(LONG_TARGET, "103.00", TickKind.CANDLE_PATH)).isEqualTo(new FillModel.Priced(new BigDecimal("102.89"), Liquidity.TAKER));
    }

    @Test
    void shouldFillALevelExactlyReachedAtTheLevel() {
        assertThat(sell(LONG_STOP, "98.00", TickKind.TRADE).price()).isEqualByComparingTo("97.90");
        assertThat(sell(LONG_TARGET, "104.00", TickKind.CANDLE_OPEN).price()).isEqualByComparingTo("104.00");
    }
}
