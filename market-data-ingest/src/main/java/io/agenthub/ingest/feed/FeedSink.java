package io.agenthub.ingest.feed;

import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;

import java.time.Instant;

/**
 * Where a feed delivers what it observes. Calls come from the feed's own thread, in the order the feed wants them
 * published: for one symbol, every tick handed over before a watermark is published before it.
 */
public interface FeedSink {

    /** A trade (or a point of a replayed price path). */
    void onTick(MarketTick tick);

    /**
     * The feed promises that no tick of {@code symbol} with an event time before {@code watermark} will follow.
     *
     * <p>One exception, by design: after a disconnect the HashKey feed may publish repair ticks for the minute that
     * was in progress with times before a watermark it already sent. It never lets a watermark pass the start of a
     * minute awaiting repair, so one-minute bars stay exact; shorter bars of that minute may count those ticks as late.
     */
    void onWatermark(Symbol symbol, Instant watermark);
}
