package io.agenthub.ingest.feed;

/**
 * A source of market ticks: the HashKey Global WebSocket, a CSV replay or a synthetic generator, chosen by
 * configuration. A feed runs on a thread of its own until it is exhausted or closed.
 */
public interface MarketFeed extends AutoCloseable {

    /** Short name used as the {@code source} of its ticks: {@code hashkey}, {@code replay}, {@code synthetic}. */
    String source();

    /** One line for operators: what it feeds, from where, how fast. */
    String describe();

    /**
     * Delivers ticks and watermarks to {@code sink} until the feed is exhausted (a replay that does not loop) or
     * {@link #close()} is called. Returns normally in both cases; throws only on an unrecoverable error.
     */
    void run(FeedSink sink) throws InterruptedException;

    /** Counters operators watch (ticks, reconnects, malformed frames or rows, ...), by name. */
    default java.util.Map<String, Long> counters() {
        return java.util.Map.of();
    }

    /** Asks {@link #run} to stop soon; safe from any thread, idempotent. */
    @Override
    void close();
}
