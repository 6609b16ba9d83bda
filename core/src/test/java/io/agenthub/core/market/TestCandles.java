package io.agenthub.core.market;

import java.math.BigDecimal;
import java.time.Instant;

final class TestCandles {

    static final Symbol BTC = new Symbol("BTC", "USDT");

    private TestCandles() {
    }

    static Bar candle(String openTime, String o, String h, String l, String c, String v) {
        return new Bar(BTC, Timeframe.ONE_MINUTE, Instant.parse(openTime),
                new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c), new BigDecimal(v));
    }
}
