package io.agenthub.processor;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class MarketLogEventTest {

    @Test
    void shouldReadBackATickWithItsCauseWhenWrittenToBytes() {
        MarketLog.Event tick = MarketLog.Event.tick(7, 1_000, new BigDecimal("101.25"), 42, "tick-7");

        assertThat(MarketLog.Event.fromBytes(tick.toBytes())).isEqualTo(tick);
    }

    @Test
    void shouldReadBackABarWithItsCauseWhenWrittenToBytes() {
        MarketLog.Event bar = MarketLog.Event.bar(8, 60, 0, 60_000, 100, 102, 99, 101, 3.5, "watermark-8");

        assertThat(MarketLog.Event.fromBytes(bar.toBytes())).isEqualTo(bar);
    }

    @Test
    void shouldReadBackAnEventWithoutCauseWhenItHasNone() {
        MarketLog.Event tick = MarketLog.Event.tick(9, 2_000, new BigDecimal("0.00001"), 1, null);

        assertThat(MarketLog.Event.fromBytes(tick.toBytes())).isEqualTo(tick);
    }

    @Test
    void shouldReadEventsStoredBeforeTheyHadACauseWhenAStoreIsRestoredAfterAnUpgrade() {
        byte[] unscaled = new BigDecimal("101.25").unscaledValue().toByteArray();
        byte[] oldTick = ByteBuffer.allocate(1 + 8 + 8 + 8 + 4 + unscaled.length).put((byte) 0).putLong(7).putLong(1_000).putLong(42)
                .putInt(2).put(unscaled).array();
        byte[] oldBar = ByteBuffer.allocate(1 + 8 + 4 + 8 + 8 + 5 * 8).put((byte) 1).putLong(8).putInt(60).putLong(60_000).putLong(0)
                .putDouble(100).putDouble(102).putDouble(99).putDouble(101).putDouble(3.5).array();

        assertThat(MarketLog.Event.fromBytes(oldTick)).isEqualTo(MarketLog.Event.tick(7, 1_000, new BigDecimal("101.25"), 42, null));
        assertThat(MarketLog.Event.fromBytes(oldBar)).isEqualTo(MarketLog.Event.bar(8, 60, 0, 60_000, 100, 102, 99, 101, 3.5, null));
    }
}
