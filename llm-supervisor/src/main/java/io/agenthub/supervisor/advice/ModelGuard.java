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
 * What stands between the agents and the model providers: a circuit breaker per provider (after
 * {@code failuresToOpen} failures in a row that provider is not asked for {@code openFor}, then one call tries it
 * again), and a budget per owner of model calls and of tokens per rolling hour. A refusal names its reason, and says
 * whether it is news (the first refusal of its kind since the circuit opened or the budget ran out), so that the warning
 * is logged once rather than for every agent; the rules answer instead.
 */
public final class ModelGuard {

    /** The guard's settings. A budget of 0 means no limit. */
    public record Limits(int failuresToOpen, Duration openFor, int callsPerOwnerPerHour, long tokensPerOwnerPerHour) {
        public static Limits standard() {
            return new Limits(5, Duration.ofMinutes(1), 120, 500_000);
        }
    }

    /** Why the model may not be asked; {@code news} when this is the first such refusal in its window. */
    public record Refusal(String reason, boolean news) {
    }

    private static final Duration HOUR = Duration.ofHours(1);

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
    private final Map<String, Spending> spending = new ConcurrentHashMap<>();

    private static final class Circuit {
        int consecutiveFailures;
        Instant openUntil = Instant.MIN;
        boolean announced;
    }

    private static final class Spending {
        final Deque<Instant> calls = new ArrayDeque<>();
        final Deque<Map.Entry<Instant, Integer>> tokens = new ArrayDeque<>();
        long tokenTotal;
        Instant announcedUntil = Instant.MIN;

        void forget(Instant before) {
            while (!calls.isEmpty() && !calls.peekFirst().isAfter(before)) {
                calls.removeFirst();
            }
            while (!tokens.isEmpty() && !tokens.peekFirst().getKey().isAfter(before)) {
                tokenTotal -= tokens.removeFirst().getValue();
            }
        }
    }

    public ModelGuard(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public static ModelGuard standard(Clock clock) {
        return new ModelGuard(Limits.standard(), clock);
    }

    /**
     * Why {@code provider} may not be asked now for {@code ownerId}, or empty when it may (the call is then counted
     * against the owner's budget).
     */
    public Optional<Refusal> refuse(String provider, String ownerId) {
        Instant now = clock.instant();
        Circuit circuit = circuits.computeIfAbsent(provider, p -> new Circuit());
        synchronized (circuit) {
            if (now.isBefore(circuit.openUntil)) {
                boolean news = !circuit.announced;
                circuit.announced = true;
                return Optional.of(new Refusal(provider + " circuit open after " + circuit.consecutiveFailures
                        + " failures in a row; it is tried again at " + circuit.openUntil, news));
            }
        }
        Spending owner = spending.computeIfAbsent(ownerId == null ? "" : ownerId, k -> new Spending());
        synchronized (owner) {
            owner.forget(now.minus(HOUR));
            String exhausted = null;
            if (limits.callsPerOwnerPerHour() > 0 && owner.calls.size() >= limits.callsPerOwnerPerHour()) {
                exhausted = "budget of " + limits.callsPerOwnerPerHour() + " model calls per hour for this owner is used up";
            } else if (limits.tokensPerOwnerPerHour() > 0 && owner.tokenTotal >= limits.tokensPerOwnerPerHour()) {
                exhausted = "budget of " + limits.tokensPerOwnerPerHour() + " tokens per hour for this owner is used up ("
                        + owner.tokenTotal + " spent)";
            }
            if (exhausted != null) {
                boolean news = !now.isBefore(owner.announcedUntil);
                if (news) {
                    owner.announcedUntil = now.plus(HOUR);
                }
                return Optional.of(new Refusal(exhausted, news));
            }
            owner.calls.addLast(now);
            return Optional.empty();
        }
    }

    /** Counts the tokens a call spent (input and output) against the owner's hourly budget. */
    public void spent(String ownerId, Integer inputTokens, Integer outputTokens) {
        int tokens = (inputTokens == null ? 0 : inputTokens) + (outputTokens == null ? 0 : outputTokens);
        if (tokens == 0) {
            return;
        }
        Spending owner = spending.computeIfAbsent(ownerId == null ? "" : ownerId, k -> new Spending());
        synchronized (owner) {
            owner.tokens.addLast(Map.entry(clock.instant(), tokens));
            owner.tokenTotal += tokens;
        }
    }

    Clock clock() {
        return clock;
    }

    public void succeeded(String provider) {
        Circuit circuit = circuits.computeIfAbsent(provider, p -> new Circuit());
        synchronized (circuit) {
            circuit.consecutiveFailures = 0;
            circuit.announced = false;
        }
    }

    public void failed(String provider) {
        Circuit circuit = circuits.computeIfAbsent(provider, p -> new Circuit());
        synchronized (circuit) {
            circuit.consecutiveFailures++;
            if (circuit.consecutiveFailures >= limits.failuresToOpen()) {
                circuit.openUntil = clock.instant().plus(limits.openFor());
                circuit.announced = false;
            }
        }
    }
}
