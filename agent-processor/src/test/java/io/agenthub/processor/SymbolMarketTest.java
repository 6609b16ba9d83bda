package io.agenthub.processor;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolMarketTest {

    private static final Symbol BTC = Symbol.parse("BTC/USDT");
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final int[] MINUTE_AND_FIVE = {60, 300};

    private final List<String> closed = new ArrayList<>();
    private final SymbolMarket.BarSink sink = (interval, open, close, o, h, l, c, v, whole) ->
            closed.add(interval + "s@" + Instant.ofEpochMilli(open) + " " + o + "/" + h + "/" + l + "/" + c + " v" + v + (whole ? " whole" : ""));

    private static MarketTick tick(long time, String price, String size) {
        return MarketTick.trade(BTC, Instant.ofEpochMilli(time), new BigDecimal(price), new BigDecimal(size), "t" + time);
    }

    @Test
    void shouldCloseTheSameBarsWhenRestoredFromItsBytesBetweenTicks() {
        SymbolMarket market = new SymbolMarket(BTC);
        market.onTick(tick(T0, "100.10", "0.5"), MINUTE_AND_FIVE, (from, to) -> List.of(), sink);
        market.onTick(tick(T0 + 20_000, "100.35", "0.25"), MINUTE_AND_FIVE, (from, to) -> List.of(), sink);

        SymbolMarket restored = SymbolMarket.fromBytes(BTC, market.toBytes());
        restored.onTick(tick(T0 + 40_000, "99.95", "1.125"), MINUTE_AND_FIVE, (from, to) -> List.of(), sink);
        restored.onWatermark(T0 + 300_000, sink);

        assertThat(closed).containsExactly(
                "60s@2024-05-01T10:00:00Z 100.1/100.35/99.95/99.95 v1.875 whole",
                "300s@2024-05-01T10:00:00Z 100.1/100.35/99.95/99.95 v1.875 whole");
        assertThat(restored.lastTime()).isEqualTo(T0 + 40_000);
        assertThat(restored.ticks()).isEqualTo(3);
    }

    @Test
    void shouldCompleteALongerBarFromTheStoredMinutesWhenItsIntervalIsAddedMidBar() {
        SymbolMarket market = new SymbolMarket(BTC);
        int[] minute = {60};
        market.onTick(tick(T0 - 1_000, "99", "1"), minute, (from, to) -> List.of(), sink);
        market.onTick(tick(T0 + 5_000, "100", "1"), minute, (from, to) -> List.of(), sink);
        market.onTick(tick(T0 + 65_000, "103", "2"), minute, (from, to) -> List.of(), sink);
        List<Bar> stored = List.of(new Bar(BTC, Timeframe.ONE_MINUTE, Instant.ofEpochMilli(T0), new BigDecimal("100"), new BigDecimal("101"),
                new BigDecimal("97"), new BigDecimal("98"), new BigDecimal("4")));
        List<long[]> asked = new ArrayList<>();

        // a five-minute agent arrives in the second minute: its bar is the stored first minute and the open second
        market.onTick(tick(T0 + 70_000, "102", "1"), MINUTE_AND_FIVE, (from, to) -> {
            asked.add(new long[]{from, to});
            return stored;
        }, sink);
        closed.clear();
        market.onWatermark(T0 + 300_000, sink);

        assertThat(asked).singleElement().satisfies(span -> assertThat(span).containsExactly(T0, T0 + 60_000));
        assertThat(closed).containsExactly(
                "60s@2024-05-01T10:01:00Z 103.0/103.0/102.0/102.0 v3.0 whole",
                "300s@2024-05-01T10:00:00Z 100.0/103.0/97.0/102.0 v7.0 whole");
    }

    @Test
    void shouldReadTheOpenBarsOfAFormatThreeStateWhenUpgraded() {
        byte[] volume = new BigDecimal("2.50").unscaledValue().toByteArray();
        ByteBuffer bytes = ByteBuffer.allocate(1 + 7 * 8 + 4 + 4 + 8 + 4 * 8 + 4 + 2 + volume.length + 1);
        bytes.put((byte) 3).putDouble(101.5).putLong(T0 + 30_000).putLong(7).putLong(1).putLong(9).putLong(T0 - 60_000).putInt(1);
        bytes.putInt(60).putLong(T0).putDouble(100.25).putDouble(102.75).putDouble(99.5).putDouble(101.5)
                .putInt(2).putShort((short) volume.length).put(volume).put((byte) 1);

        SymbolMarket market = SymbolMarket.fromBytes(BTC, bytes.array());
        market.onTick(tick(T0 + 45_000, "103", "0.5"), new int[]{60}, (from, to) -> List.of(), sink);
        market.onWatermark(T0 + 60_000, sink);

        assertThat(closed).containsExactly("60s@2024-05-01T10:00:00Z 100.25/103.0/99.5/103.0 v3.0 whole");
        assertThat(market.nextEventPeek()).isEqualTo(10);
    }

    @Test
    void shouldRefuseAStateWhenItsFormatIsUnknown() {
        assertThatThrownBy(() -> SymbolMarket.fromBytes(BTC, new byte[]{9, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 9");
    }
}
