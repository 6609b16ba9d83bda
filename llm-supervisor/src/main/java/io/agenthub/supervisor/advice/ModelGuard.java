package io.agenthub.supervisor.advice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What stands between the agents and a model provider: a circuit breaker (after {@code failuresToOpen} failures in a
 * row the provider is not asked for {@code openFor}, then one call tries it again) and a budget of calls per owner per
 * hour. A refusal names its reason; the rules answer instead.
 */
public final class ModelGuard {

    private final int failuresToOpen;
    private final Duration openFor;
    private final int callsPerOwnerPerHour;
    private final Clock clock;
    private final Map<String, Deque<Instant>> callsByOwner = new ConcurrentHashMap<>();
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;

    public ModelGuard(int failuresToOpen, Duration openFor, int callsPerOwnerPerHour, Clock clock) {
        this.failuresToOpen = failuresToOpen;
        this.openFor = openFor;
        this.callsPerOwnerPerHour = callsPerOwnerPerHour;
        this.clock = clock;
    }

    public static ModelGuard standard(Clock clock) {
        return new ModelGuard(5, Duration.ofMinutes(1), 120, clock);
    }

    /** Why the model may not be asked now for {@code ownerId}, or empty when it may (the call is then counted). */
    public synchronized Optional<String> refuse(String ownerId) {
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            return Optional.of("circuit open after " + consecutiveFailures + " failures in a row; the model is tried again at " + openUntil);
        }
        Deque<Instant> calls = callsByOwner.computeIfAbsent(ownerId == null ? "" : ownerId, k -> new ArrayDeque<>());
        while (!calls.isEmpty() && !calls.peekFirst().isAfter(now.minus(Duration.ofHours(1)))) {
            calls.removeFirst();
        }
        if (calls.size() >= callsPerOwnerPerHour) {
            return Optional.of("budget of " + callsPerOwnerPerHour + " model calls per hour for this owner is used up");
        }
        calls.addLast(now);
        return Optional.empty();
    }

    Clock clock() {
        return clock;
    }

    public synchronized void succeeded() {
        consecutiveFailures = 0;
    }

    public synchronized void failed() {
        consecutiveFailures++;
        if (consecutiveFailures >= failuresToOpen) {
            openUntil = clock.instant().plus(openFor);
        }
    }
}
