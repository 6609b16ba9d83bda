package io.agenthub.core.venue;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.codec.BinaryDecimals;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.TimeInForce;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.TickKind;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.PositionSide;
import io.agenthub.core.trading.ProtectiveLevels;
import io.agenthub.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaperVenueTest {

    private static final Symbol BTC = new Symbol("BTC", "USDT");
    private static final long T = 1_677_628_800_000L;

    private final Map<String, byte[]> stored = new HashMap<>();
    private final PaperVenue.Storage storage = new PaperVenue.Storage() {
        @Override
        public byte[] loadBook(Symbol symbol) {
            return stored.get("book:" + symbol);
        }

        @Override
        public byte[] loadAccount(String account) {
            return stored.get("account:" + account);
        }

        @Override
        public void saveBook(Symbol symbol, byte[] bytes) {
            stored.put("book:" + symbol, bytes);
        }

        @Override
        public void saveAccount(String account, byte[] bytes) {
            stored.put("account:" + account, bytes);
        }
    };
    private final PriceLog prices = PriceLog.inMemory(256);
    private final List<OrderUpdate> updates = new ArrayList<>();
    private PaperVenue venue = venue();
    private long tradeId;

    private PaperVenue venue() {
        PaperVenue v = new PaperVenue(Instruments.defaults(), PaperVenue.Settings.defaults(), storage, prices);
        v.subscribe(updates::add);
        return v;
    }

    private void tick(long time, String price, String size) {
        venue.onTick(MarketTick.trade(BTC, Instant.ofEpochMilli(time), new BigDecimal(price), new BigDecimal(size), "t" + ++tradeId));
    }

    private static ClientOrderId id(long sequence) {
        return ClientOrderId.of(AgentId.of("a1"), sequence, 0);
    }

    private VenueOrder market(long sequence, Side side, String quantity, boolean reduceOnly, int leverage, long time) {
        return venue.broker("a1").submit(OrderCommand.market(id(sequence), BTC, side, new BigDecimal(quantity), reduceOnly, leverage, time,
                new BigDecimal("100")));
    }

    @Test
    void shouldBookFillsWithTheBacktestsFillModelAndReleaseTheBalanceWhenClosed() {
        venue.open("a1", ExecutionCosts.standard(), new BigDecimal("1000"));
        tick(T, "100.00", "0");

        market(1, Side.BUY, "5", false, 1, T);
        tick(T + 15_000, "110.00", "0");
        market(2, Side.SELL, "5", true, 1, T + 15_000);

        assertThat(updates).extracting(u -> u.execution().fill().price()).map(BigDecimal::toPlainString)
                .containsExactly("100.02", "109.97");
        var account = venue.broker("a1").account();
        // bought 5 at 100.02 (fee 0.5001), sold 5 at 109.97 (fee 0.54985): 1000 + 49.75 - 1.04995
        assertThat(account.balance("USDT").orElseThrow().total()).isEqualByComparingTo("1048.70005");
        assertThat(account.balance("USDT").orElseThrow().free()).isEqualByComparingTo("1048.70005");
        assertThat(account.positions()).isEmpty();
    }

    @Test
    void shouldFillAnAgentsTriggeredStopAndTargetWhereTheirRestingOrdersWouldHaveFilledWhenACandlesPathReachesThem() {
        venue.open("a1", ExecutionCosts.standard(), new BigDecimal("1000"));
        candle(T, "100.00", TickKind.CANDLE_OPEN);
        market(1, Side.BUY, "2", false, 1, T);
        candle(T + 15_000, "105.00", TickKind.CANDLE_PATH);

        venue.broker("a1").submit(OrderCommand.market(id(2), BTC, Side.SELL, BigDecimal.ONE, true, 1, T + 15_000, new BigDecimal("105.00"))
                .triggeredBy(new OrderCommand.Trigger(OrderType.LIMIT, new BigDecimal("104.00"))));
        candle(T + 30_000, "90.00", TickKind.CANDLE_PATH);
        venue.broker("a1").submit(OrderCommand.market(id(3), BTC, Side.SELL, BigDecimal.ONE, true, 1, T + 30_000, new BigDecimal("90.00"))
                .triggeredBy(new OrderCommand.Trigger(OrderType.STOP_MARKET, new BigDecimal("98.00"))));

        assertThat(updates).filteredOn(u -> u.execution() != null).extracting(u -> u.execution().fill().price().toPlainString()
                        + " " + u.execution().fill().liquidity())
                .containsExactly("100.02 TAKER", "104.00 MAKER", "97.98 TAKER");
    }

    @Test
    void shouldFillARestingStopAtItsPriceOnACandlesPathAndAtTheTradeAfterAJump() {
        venue.open("a1", ExecutionCosts.NONE, new BigDecimal("1000"));
        candle(T, "100.00", TickKind.CANDLE_OPEN);
        market(1, Side.BUY, "2", false, 1, T);
        venue.broker("a1").submit(OrderCommand.stopMarket(id(2), BTC, Side.SELL, BigDecimal.ONE, new BigDecimal("98.00"), true, 1, T));
        venue.broker("a1").submit(OrderCommand.stopMarket(id(3), BTC, Side.SELL, BigDecimal.ONE, new BigDecimal("95.00"), true, 1, T));

        candle(T + 15_000, "97.00", TickKind.CANDLE_PATH);
        tick(T + 30_000, "94.00", "0");

        assertThat(updates).filteredOn(u -> u.execution() != null).extracting(u -> u.execution().fill().price().toPlainString())
                .containsExactly("100.00", "98.00", "94.00");
    }

    @Test
    void shouldReadABookOfTheReleaseBeforeTickKindsAsTradesWithoutTriggers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x50424B33);
            out.writeLong(T);
            BinaryDecimals.write(out, new BigDecimal("100.00"));
            out.writeInt(1);
            out.writeUTF("a1");
            OrderCommand waiting = OrderCommand.market(id(1), BTC, Side.BUY, BigDecimal.ONE, false, 1, T + 1, new BigDecimal("100.00"));
            ByteArrayOutputStream command = new ByteArrayOutputStream();
            try (DataOutputStream c = new DataOutputStream(command)) {
                PaperCodec.writeCommand(c, waiting);
            }
            byte[] current = command.toByteArray();
            out.write(current, 0, current.length - 1); // the release before wrote no trigger flag
            out.writeUTF("paper-x");
            out.writeByte(OrderStatus.NEW.ordinal());
            BinaryDecimals.write(out, BigDecimal.ZERO);
            BinaryDecimals.write(out, BigDecimal.ZERO);
            out.writeInt(0);
            out.writeBoolean(false);
            out.writeBoolean(false);
            BinaryDecimals.write(out, BigDecimal.ZERO);
            out.writeInt(0);
        }

        assertThat(PaperVenue.isCurrentBook(bytes.toByteArray())).isTrue();
        PaperBook book = PaperBook.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertThat(book.last()).isEqualTo(new PriceHistory.Point(T, new BigDecimal("100.00"), TickKind.TRADE));
        assertThat(book.orders).singleElement().satisfies(o -> assertThat(o.command.trigger()).isNull());
    }

    private void candle(long time, String price, TickKind kind) {
        venue.onTick(MarketTick.candlePoint(BTC, Instant.ofEpochMilli(time), new BigDecimal(price), BigDecimal.ZERO, "c" + ++tradeId, kind));
    }

    @Test
    void shouldLetLeverageCarryAPositionLargerThanTheBalanceAndHoldItsMarginBack() {
        venue.open("a1", ExecutionCosts.NONE, new BigDecimal("100"));
        tick(T, "100.00", "0");

        market(1, Side.BUY, "5", false, 10, T);

        var account = venue.broker("a1").account();
        assertThat(account.position(BTC).orElseThrow().leverage()).isEqualTo(10);
        assertThat(account.balance("USDT").orElseThrow().free()).as("margin 500 / 10 held back").isEqualByComparingTo("50");
        assertThatThrownBy(() -> market(2, Side.BUY, "6", false, 10, T))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.code()).isEqualTo("INSUFFICIENT_MARGIN"));
    }

    @Test
    void shouldLiquidateALeveragedPositionAtTheTickThatReachesItsLiquidationPrice() {
        venue.open("a1", ExecutionCosts.standard(), new BigDecimal("1000"));
        tick(T, "100.00", "0");
        market(1, Side.BUY, "50", false, 10, T);
        BigDecimal entry = new BigDecimal("100.02");
        BigDecimal level = ProtectiveLevels.liquidationPrice(PositionSide.LONG, entry, 10, new BigDecimal("0.005"), 2);
        updates.clear();

        tick(T + 15_000, level.add(new BigDecimal("0.01")).toPlainString(), "0");
        assertThat(updates).as("above the liquidation price nothing happens").isEmpty();
        tick(T + 30_000, "90.00", "0");

        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.order().clientOrderId().value()).isEqualTo("a1-liquidation-1");
            assertThat(u.order().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(u.order().reason()).contains("liquidation price " + level.toPlainString());
            assertThat(u.execution().fill().price()).as("the tick's price, slipped like a market sell").isEqualByComparingTo("89.98");
            assertThat(u.execution().fill().liquidity()).isEqualTo(Liquidity.TAKER);
        });
        assertThat(venue.broker("a1").account().positions()).isEmpty();
    }

    @Test
    void shouldTriggerAStopOnlyWhenAPriceReachesIt() {
        venue.open("a1", ExecutionCosts.NONE, new BigDecimal("10000"));
        tick(T, "100.00", "0");
        market(1, Side.BUY, "10", false, 1, T);
        updates.clear();
        venue.broker("a1").submit(OrderCommand.stopMarket(id(2), BTC, Side.SELL, new BigDecimal("10"), new BigDecimal("95"), true, 1, T));

        tick(T + 1_000, "96.00", "0");
        assertThat(updates).extracting(u -> u.order().status()).containsExactly(OrderStatus.NEW);
        tick(T + 2_000, "94.00", "0");

        assertThat(updates).last().satisfies(u -> {
            assertThat(u.order().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(u.execution().fill().price()).as("at the triggering tick's price").isEqualByComparingTo("94");
        });
    }

    @Test
    void shouldCancelTheRestOfAnImmediateOrCancelLimitThatDoesNotCross() {
        venue.open("a1", ExecutionCosts.NONE, new BigDecimal("10000"));
        tick(T, "100.00", "0");

        VenueOrder order = venue.broker("a1").submit(OrderCommand.limit(id(1), BTC, Side.BUY, BigDecimal.ONE, new BigDecimal("99"),
                TimeInForce.IOC, false, 1, T));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(venue.broker("a1").account().balance("USDT").orElseThrow().free()).as("nothing held back").isEqualByComparingTo("10000");
    }

    @Test
    void shouldTakeLiquidityNeverBeyondTheLimitWhenALimitCrossesOnArrival() {
        venue.open("a1", ExecutionCosts.standard(), new BigDecimal("10000"));
        tick(T, "100.00", "0");

        venue.broker("a1").submit(OrderCommand.limit(id(1), BTC, Side.BUY, BigDecimal.ONE, new BigDecimal("100.01"), TimeInForce.GTC, false, 1, T));

        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.execution().fill().price()).as("100 plus 2 bps is 100.02, capped at the limit").isEqualByComparingTo("100.01");
            assertThat(u.execution().fill().liquidity()).isEqualTo(Liquidity.TAKER);
        });
    }

    @Test
    void shouldCancelAReduceOnlyOrderWhoseReasonToExistIsGone() {
        venue.open("a1", ExecutionCosts.NONE, new BigDecimal("10000"));
        tick(T, "100.00", "0");
        market(1, Side.BUY, "1", false, 1, T);
        venue.broker("a1").submit(new OrderCommand(id(2), BTC, Side.SELL, OrderType.LIMIT, BigDecimal.ONE, new BigDecimal("120"), null,
                TimeInForce.GTC, true, 1, T, new BigDecimal("100"), null));
        market(3, Side.SELL, "1", true, 1, T);
        updates.clear();

        tick(T + 1_000, "121.00", "0");

        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.order().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(u.order().rejectCode()).isEqualTo("REDUCE_ONLY");
        });
    }

    @Test
    void shouldBehaveTheSameAfterItsStateIsReadBackFromStorage() {
        venue.open("a1", ExecutionCosts.standard(), new BigDecimal("1000"));
        tick(T, "100.00", "0");
        market(1, Side.BUY, "2", false, 5, T);
        venue.broker("a1").submit(OrderCommand.limit(id(2), BTC, Side.BUY, BigDecimal.ONE, new BigDecimal("95"), TimeInForce.GTC, false, 5, T));
        var before = venue.broker("a1").account();

        venue = venue();
        updates.clear();

        assertThat(venue.broker("a1").account()).isEqualTo(before);
        assertThat(venue.broker("a1").openOrders(BTC)).extracting(VenueOrder::clientOrderId).containsExactly(id(2));
        tick(T + 1_000, "95.00", "0.4");
        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(u.execution().fill().quantity()).isEqualByComparingTo("0.4");
            assertThat(u.execution().tradeId()).isEqualTo("paper-t-a1-2-0");
        });
        assertThatThrownBy(() -> market(1, Side.BUY, "1", false, 1, T))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.outcome()).isEqualTo(BrokerException.Outcome.DUPLICATE));
    }

    @Test
    void shouldReadAnAccountTheFirstReleaseStoredAndPlaceItsPositionOnTheNextOrder() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("0.001");
            out.writeUTF("0.001");
            out.writeUTF("2");
            out.writeUTF("899.98");
            out.writeLong(7);
            out.writeUTF("LONG");
            out.writeUTF("1");
            out.writeUTF("100.02");
            out.writeUTF("0");
            out.writeUTF("0.10002");
            out.writeLong(T);
        }
        stored.put("account:a1", bytes.toByteArray());
        tick(T, "100.00", "0");

        assertThatThrownBy(() -> market(7, Side.SELL, "1", true, 1, T))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.outcome()).isEqualTo(BrokerException.Outcome.DUPLICATE));
        market(8, Side.SELL, "1", true, 1, T);

        assertThat(updates).singleElement().satisfies(u -> assertThat(u.order().status()).isEqualTo(OrderStatus.FILLED));
        assertThat(venue.broker("a1").account().positions()).isEmpty();
    }
}
