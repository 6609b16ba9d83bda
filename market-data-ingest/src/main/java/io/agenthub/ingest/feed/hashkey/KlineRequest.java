package io.agenthub.ingest.feed.hashkey;

import io.agenthub.core.market.Instrument;

/**
 * A REST kline call a {@link SymbolStream} wants made: the one-minute klines opened from {@code firstMinute} to
 * {@code lastMinute} (epoch ms, both included).
 *
 * @param id identifies the answer, so that an answer to a request given up is ignored
 */
record KlineRequest(long id, Instrument instrument, long firstMinute, long lastMinute) {

    int minutes() {
        return (int) ((lastMinute - firstMinute) / SymbolStream.MINUTE_MS + 1);
    }

    /** The {@code endTime} parameter: the last millisecond of the last minute. */
    long endTime() {
        return lastMinute + SymbolStream.MINUTE_MS - 1;
    }
}
