package io.agenthub.api.projection;

import io.agenthub.core.market.Timeframe;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.Bar;
import io.agenthub.schemas.topics.Topics;

import java.sql.Timestamp;

/**
 * One-minute candles from {@code market.bars.1m} (keyed by symbol), for charts. A bar is final when published, so a
 * redelivery writes the same row again.
 */
public final class CandleProjection extends Projection<Bar> {

    public CandleProjection(Topics topics, Services services) {
        super("candles-1m", topics, t -> t.marketBars(Timeframe.ONE_MINUTE), Bar::getSymbol, services);
    }

    @Override
    protected boolean apply(Bar bar) {
        return jdbc.sql("""
                        INSERT INTO candles (symbol, open_time, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (symbol, open_time) DO NOTHING""")
                .params(bar.getSymbol(), Timestamp.from(bar.getOpenTime()), Decimals.fromWire(bar.getOpen()),
                        Decimals.fromWire(bar.getHigh()), Decimals.fromWire(bar.getLow()), Decimals.fromWire(bar.getClose()),
                        Decimals.fromWire(bar.getVolume()))
                .update() == 1;
    }

    @Override
    protected void announce(Bar bar) {
        // market data is the same for everyone: charts poll /api/market/candles
    }
}
