package io.agenthub.api.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    /** A clock a test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldRefuseAnAddressAfterTenFailuresUntilTheWindowPasses() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.retryAfter("Victim@Example.com", "10.0.0." + i)).isEmpty();
            throttle.failed("victim@example.com", "10.0.0." + i);
            clock.now = clock.now.plusSeconds(10);
        }

        assertThat(throttle.retryAfter("VICTIM@example.com", "10.9.9.9")).contains(Duration.ofMinutes(15).minusSeconds(100));
        assertThat(throttle.retryAfter("someone@example.com", "10.0.0.1")).as("other addresses are not affected").isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(15)).minusSeconds(100);
        assertThat(throttle.retryAfter("victim@example.com", "10.9.9.9")).as("the first failure left the window").isEmpty();
    }

    @Test
    void shouldRefuseAClientSprayingManyAddressesAndForgiveAfterSuccess() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 50; i++) {
            throttle.failed("user" + i + "@example.com", "10.6.6.6");
        }
        assertThat(throttle.retryAfter("fresh@example.com", "10.6.6.6")).isPresent();
        assertThat(throttle.retryAfter("fresh@example.com", "10.7.7.7")).isEmpty();

        for (int i = 0; i < 9; i++) {
            throttle.failed("me@example.com", "10.1.1.1");
        }
        throttle.succeeded("me@example.com");
        throttle.failed("me@example.com", "10.1.1.1");
        assertThat(throttle.retryAfter("me@example.com", "10.1.1.2")).isEmpty();
    }
}
