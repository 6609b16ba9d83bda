package io.agenthub.ingest.feed.hashkey;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private static final long MS = 1_000_000;

    @Test
    void shouldWaitBetweenTheMinimumAndADoublingCapWhenRetriesRepeat() {
        // Given a backoff from 100 ms to 1 s
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new SplittableRandom(1));

        // Then every delay lies between the minimum and min * 2^attempt, capped at the maximum
        for (int attempt = 0; attempt < 100; attempt++) {
            long cap = Math.min(1_000 * MS, 100 * MS << Math.min(attempt, 20));
            for (int draw = 0; draw < 50; draw++) {
                assertThat(backoff.delayNanos(attempt)).isBetween(100 * MS, cap);
            }
        }
        assertThat(backoff.delayNanos(0)).isEqualTo(100 * MS);
    }

    @Test
    void shouldSpreadDelaysWhenManyClientsRetryAtOnce() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(7));

        assertThat(java.util.stream.IntStream.range(0, 100).mapToLong(i -> backoff.delayNanos(5)).distinct().count()).isGreaterThan(90);
    }

    @Test
    void shouldRefuseAZeroMinimumWhenConfigured() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 < min <= max");
    }
}
