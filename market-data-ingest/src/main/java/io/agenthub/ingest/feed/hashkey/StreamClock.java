package io.agenthub.ingest.feed.hashkey;

/**
 * The venue's clock as its own stream tells it: the latest time the venue stamped on anything it sent (a push's
 * {@code sendTime}, a trade's time), advanced by the wall time elapsed since. It never goes back.
 *
 * <p>Minutes are judged complete or not, and due for repair or not, on this clock rather than on the machine's: it is
 * the venue's present as far as this connection can know it, and it stays right when the venue replays history (a
 * test peer, a sandbox) or its clock differs from ours.
 */
final class StreamClock {

    private long baseMillis;
    private long baseNanos;
    private boolean known;

    /** The venue stamped {@code venueMillis} on something that arrived at {@code arrivalNanos}. */
    void observe(long venueMillis, long arrivalNanos) {
        long current = known ? now(arrivalNanos) : Long.MIN_VALUE;
        baseMillis = Math.max(venueMillis, current);
        baseNanos = arrivalNanos;
        known = true;
    }

    boolean known() {
        return known;
    }

    /** The venue's present at {@code nanos}; only meaningful once {@link #known()}. */
    long now(long nanos) {
        return baseMillis + (nanos - baseNanos) / 1_000_000;
    }
}
