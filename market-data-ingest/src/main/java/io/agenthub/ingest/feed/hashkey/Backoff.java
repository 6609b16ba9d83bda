package io.agenthub.ingest.feed.hashkey;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (0-based) wait a uniformly random time between
 * {@code min} and {@code min(max, min * 2^n)}. The floor keeps a client from spinning against a server that refuses
 * at once; the jitter keeps many clients from retrying in step.
 */
final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got min " + min + ", max " + max);
        }
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    long delayNanos(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative, got " + attempt);
        }
        long cap = maxNanos;
        if (attempt < 62 && minNanos <= maxNanos >> attempt) {
            cap = Math.min(maxNanos, minNanos << attempt);
        }
        return cap == minNanos ? minNanos : random.nextLong(minNanos, cap + 1);
    }
}
