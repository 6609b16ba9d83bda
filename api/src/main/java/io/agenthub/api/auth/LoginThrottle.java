package io.agenthub.api.auth;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for one address, or {@value #MAX_FAILURES_PER_CLIENT}
 * from one client address, within {@link #WINDOW}, further attempts are refused (429) until the oldest failure
 * leaves the window. A successful login clears the address's count. Registration is braked per client the same way,
 * so that its answer (an account exists: 409) cannot be used to test addresses at scale: {@value #MAX_REGISTRATIONS_PER_CLIENT}
 * attempts, of which {@value #MAX_TAKEN_PER_CLIENT} for addresses that have an account, per client within the window.
 * In memory: a restart forgets, which is fine for a brake on guessing.
 */
@Component
public class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final int MAX_FAILURES_PER_CLIENT = 50;
    static final int MAX_REGISTRATIONS_PER_CLIENT = 60;
    static final int MAX_TAKEN_PER_CLIENT = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long to wait before trying again, if {@code email} or {@code client} is throttled now. */
    public Optional<Duration> retryAfter(String email, String client) {
        Instant now = clock.instant();
        Optional<Duration> byEmail = wait("email:" + Users.normalize(email), MAX_FAILURES, now);
        return byEmail.isPresent() ? byEmail : wait("client:" + client, MAX_FAILURES_PER_CLIENT, now);
    }

    public void failed(String email, String client) {
        forgetOld();
        record(("email:" + Users.normalize(email)));
        record("client:" + client);
    }

    /** How long {@code client} waits before it may try to register again, if it is throttled now. */
    public Optional<Duration> registrationRetryAfter(String client) {
        Instant now = clock.instant();
        Optional<Duration> taken = wait("taken:" + client, MAX_TAKEN_PER_CLIENT, now);
        return taken.isPresent() ? taken : wait("register:" + client, MAX_REGISTRATIONS_PER_CLIENT, now);
    }

    /** A registration attempt by {@code client}; {@code taken} when the address had an account. */
    public void registering(String client, boolean taken) {
        forgetOld();
        record("register:" + client);
        if (taken) {
            record("taken:" + client);
        }
    }

    public void succeeded(String email) {
        failures.remove("email:" + Users.normalize(email));
    }

    private void forgetOld() {
        if (failures.size() > MAX_TRACKED) {
            Instant cutoff = clock.instant().minus(WINDOW);
            failures.values().removeIf(d -> { synchronized (d) { return d.isEmpty() || d.peekLast().isBefore(cutoff); } });
        }
    }

    private void record(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
        }
    }

    private Optional<Duration> wait(String key, int max, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.removeFirst();
            }
            if (times.size() < max) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
        }
    }
}
