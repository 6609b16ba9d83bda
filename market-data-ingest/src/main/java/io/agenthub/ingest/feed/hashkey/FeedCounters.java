package io.agenthub.ingest.feed.hashkey;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The counters of a HashKey feed; written on the feed's thread, read from any. */
final class FeedCounters {

    enum Counter {
        /** Live trades published. */
        TICKS("ticks"),
        /** Reconnects scheduled after a connection was lost or could not be opened. */
        RECONNECTS("reconnects"),
        /** Frames that were not what HashKey documents (dropped, connection kept). */
        MALFORMED_FRAMES("malformed_frames"),
        /** Trades dropped because their id was already seen. */
        DUPLICATES_DROPPED("duplicates_dropped"),
        /** Trades dropped because their minute was already final (watermarked, repaired, or before coverage began). */
        LATE_TRADES("late_trades"),
        /** Incomplete minutes checked against the venue's kline. */
        REPAIRED_MINUTES("repaired_minutes"),
        /** Ticks published by repairs. */
        BACKFILL_TICKS("backfill_ticks"),
        /** Repaired minutes whose kline contradicted what was published. */
        KLINE_MISMATCHES("kline_mismatches"),
        /** Incomplete minutes left as they are (REST kept failing, or too many live trades were held back). */
        REPAIRS_ABANDONED("repairs_abandoned"),
        /** Failed REST kline calls that were retried. */
        REST_RETRIES("rest_retries"),
        /** Errors the venue reported on the WebSocket (such as a rejected subscription). */
        VENUE_ERRORS("venue_errors"),
        /** Pongs received. */
        PONGS("pongs"),
        /** Connections dropped for silence. */
        SILENCE_TIMEOUTS("silence_timeouts");

        private final String label;

        Counter(String label) {
            this.label = label;
        }
    }

    private final Map<Counter, LongAdder> values = new EnumMap<>(Counter.class);

    FeedCounters() {
        for (Counter counter : Counter.values()) {
            values.put(counter, new LongAdder());
        }
    }

    void increment(Counter counter) {
        values.get(counter).increment();
    }

    void add(Counter counter, long amount) {
        values.get(counter).add(amount);
    }

    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        values.forEach((counter, value) -> snapshot.put(counter.label, value.sum()));
        return snapshot;
    }
}
