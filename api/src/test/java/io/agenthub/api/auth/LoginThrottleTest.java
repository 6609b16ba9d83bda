package io.agenthub.api.auth;

import io.agenthub.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    @Test
    void shouldRefuseAnAddressAfterTenFailuresUntilTheWindowPasses() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.retryAfter("Victim@Example.com", "10.0.0." + i)).isEmpty();
            throttle.failed("victim@example.com", "10.0.0." + i);
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(throttle.retryAfter("VICTIM@example.com", "10.9.9.9")).contains(Duration.ofMinutes(15).minusSeconds(100));
        assertThat(throttle.retryAfter("someone@example.com", "10.0.0.1")).as("other addresses are not affected").isEmpty();
        clock.advance(Duration.ofMinutes(15).minusSeconds(100));
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

    @Test
    void shouldBrakeAClientWhenItsRegistrationsHitTenTakenAddressesOrSixtyAttempts() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.registrationRetryAfter("10.6.6.6")).isEmpty();
            throttle.registering("10.6.6.6", true);
        }
        assertThat(throttle.registrationRetryAfter("10.6.6.6")).contains(Duration.ofMinutes(15));
        assertThat(throttle.registrationRetryAfter("10.7.7.7")).as("other clients").isEmpty();

        for (int i = 0; i < 60; i++) {
            assertThat(throttle.registrationRetryAfter("10.8.8.8")).isEmpty();
            throttle.registering("10.8.8.8", false);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(throttle.registrationRetryAfter("10.8.8.8")).contains(Duration.ofMinutes(15).minusSeconds(60));
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.registrationRetryAfter("10.8.8.8")).as("the first attempt left the window").isEmpty();
    }
}
