package io.agenthub.supervisor.advice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Asks the model first and the rules when the model cannot be used: no model chosen for the agent, no key for the one
 * chosen, a request that waited too long in the queue, an open circuit or a spent budget, a failed call (timeout, HTTP
 * error, rate limit), a reply that does not parse, or one validation rejects. The rules' answer is then marked as a
 * fallback with the reason. What validation changed in a model's answer is kept.
 */
public final class FallbackAdvisor {

    private static final Logger log = LoggerFactory.getLogger(FallbackAdvisor.class);

    /** A model that answers in the advisor's terms, or says why it could not. */
    public interface ModelAdvisor {
        String provider();

        String model();

        Reply<PlanAdvice> plan(AdvisorContext context) throws Exception;

        Reply<SupervisionAdvice> supervise(AdvisorContext context) throws Exception;

        /** Whether a failed call may succeed if made again soon (rate limited, a 5xx); timeouts and refusals are not. */
        default boolean retriable(Exception failure) {
            return false;
        }
    }

    /** What a model answered: the parsed advice, the raw reply and token counts. */
    public record Reply<T>(T advice, String raw, Integer inputTokens, Integer outputTokens) {
    }

    /**
     * The model that advises an agent: {@code model} when one is chosen and usable; else the rules decide, as a
     * fallback with {@code unavailable} as the reason when a model was chosen but cannot be asked (its key is
     * missing, say), or plainly when none was chosen.
     */
    public record Choice(Optional<ModelAdvisor> model, String unavailable) {
        public static Choice of(ModelAdvisor model) {
            return new Choice(Optional.of(model), null);
        }

        public static Choice none() {
            return new Choice(Optional.empty(), null);
        }

        public static Choice unavailable(String reason) {
            return new Choice(Optional.empty(), reason);
        }
    }

    /** Which model advises an agent of an owner. */
    @FunctionalInterface
    public interface ModelSource {
        Choice choose(String ownerId, String agentId);
    }

    private final ModelSource models;
    private final RuleBasedAdvisor rules;
    private final AdviceValidator validator;
    private final ModelGuard guard;
    private final Duration staleAfter;
    /** The model's recent answers by context: a redelivered or repeated request costs no second call. */
    private final Map<Asked, Cached> recent = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    /** What was asked of which model: the context is a record, so equal contexts are the same question. */
    private record Asked(String provider, String model, String kind, AdvisorContext context) {
    }

    private record Cached(Decided<?> decided, Instant at) {
    }

    static final int RETRIES = 2;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration REUSE_FOR = Duration.ofSeconds(60);
    public static final Duration STALE_AFTER = Duration.ofSeconds(60);

    /** One model for every agent (or none: the rules decide), with the standard guard. */
    public FallbackAdvisor(Optional<ModelAdvisor> model, RuleBasedAdvisor rules, AdviceValidator validator, java.time.Clock clock) {
        this((owner, agent) -> model.map(Choice::of).orElseGet(Choice::none), rules, validator, ModelGuard.standard(clock), STALE_AFTER);
        if (model.isEmpty()) {
            log.warn("no LLM provider is configured: the rule-based advisor decides");
        }
    }

    /**
     * @param staleAfter a request older than this when its turn comes is answered by the rules at once: the agent has
     *                   waited long enough, and a model's answer would land later still
     */
    public FallbackAdvisor(ModelSource models, RuleBasedAdvisor rules, AdviceValidator validator, ModelGuard guard, Duration staleAfter) {
        this.models = models;
        this.rules = rules;
        this.validator = validator;
        this.guard = guard;
        this.staleAfter = staleAfter;
    }

    /** A plan for the agent of {@code context}, asked at {@code requestedAt}. */
    public Decided<PlanAdvice> plan(AdvisorContext context, String ownerId, Instant requestedAt) {
        return decide("plan", context, ownerId, requestedAt, ModelAdvisor::plan, validator::plan, rules::plan);
    }

    public Decided<SupervisionAdvice> supervise(AdvisorContext context, String ownerId, Instant requestedAt) {
        return decide("supervise", context, ownerId, requestedAt, ModelAdvisor::supervise, validator::supervision, rules::supervise);
    }

    private interface Ask<T> {
        Reply<T> ask(ModelAdvisor model, AdvisorContext context) throws Exception;
    }

    private interface Check<T> {
        AdviceValidator.Checked<T> check(T advice, AdvisorContext context) throws AdviceValidator.Rejected;
    }

    /** The model's answer if it comes and passes validation, else the rules' answer marked as a fallback. */
    @SuppressWarnings("unchecked")
    private <T> Decided<T> decide(String kind, AdvisorContext context, String ownerId, Instant requestedAt, Ask<T> ask, Check<T> check,
                                  java.util.function.Function<AdvisorContext, T> rulesAdvice) {
        // the rules' advice passes the same checks: bounds hold whoever decided
        java.util.function.Function<AdvisorContext, T> byRules = c -> {
            T advice = rulesAdvice.apply(c);
            try {
                return check.check(advice, c).advice();
            } catch (AdviceValidator.Rejected e) {
                throw new IllegalStateException("the rules' own " + kind + " advice fails validation: " + e.getMessage() + " (" + advice + ")", e);
            }
        };
        Choice choice = models.choose(ownerId, context.agentId());
        if (choice.model().isEmpty()) {
            return Decided.byRules(byRules.apply(context), choice.unavailable());
        }
        ModelAdvisor llm = choice.model().get();
        Instant now = guard.clock().instant();
        Asked key = new Asked(llm.provider(), llm.model(), kind, context);
        if (now.isAfter(nextSweep)) { // forget old answers once a reuse window, not on every request
            nextSweep = now.plus(REUSE_FOR);
            recent.values().removeIf(c -> c.at().plus(REUSE_FOR).isBefore(now));
        }
        Cached cached = recent.get(key);
        if (cached != null && !cached.at().plus(REUSE_FOR).isBefore(now)) {
            return (Decided<T>) cached.decided();
        }
        Duration waited = requestedAt == null ? Duration.ZERO : Duration.between(requestedAt, now);
        if (waited.compareTo(staleAfter) > 0) {
            return Decided.byRules(byRules.apply(context), llm.provider() + " not asked: the request waited " + waited.toSeconds()
                    + " s in the queue (more than " + staleAfter.toSeconds() + " s)");
        }
        Optional<ModelGuard.Refusal> refused = guard.refuse(llm.provider(), ownerId);
        if (refused.isPresent()) {
            if (refused.get().news()) {
                log.warn("{} not asked for owner {}: {}; the rules decide until then", llm.provider(), ownerId, refused.get().reason());
            }
            return Decided.byRules(byRules.apply(context), llm.provider() + " not asked: " + refused.get().reason());
        }
        Reply<T> reply = null;
        try {
            reply = askWithRetries(llm, ask, context, ownerId);
            AdviceValidator.Checked<T> checked = check.check(reply.advice(), context);
            Decided<T> decided = new Decided<>(checked.advice(), llm.provider(), llm.model(), reply.raw(), reply.inputTokens(),
                    reply.outputTokens(), checked.notes(), false, null);
            recent.put(key, new Cached(decided, now));
            return decided;
        } catch (Exception e) {
            return fallback(byRules.apply(context), llm, reply, e);
        }
    }

    /** Asks, and asks again after a growing pause when the provider says it may work soon (429, 5xx). */
    private <T> Reply<T> askWithRetries(ModelAdvisor llm, Ask<T> ask, AdvisorContext context, String ownerId) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                Reply<T> reply = ask.ask(llm, context);
                guard.succeeded(llm.provider());
                guard.spent(ownerId, reply.inputTokens(), reply.outputTokens());
                return reply;
            } catch (UnusableReply e) {
                guard.succeeded(llm.provider()); // the provider answered; the answer was bad
                guard.spent(ownerId, e.asReply().inputTokens(), e.asReply().outputTokens());
                throw e;
            } catch (Exception e) {
                guard.failed(llm.provider());
                if (attempt >= RETRIES || !llm.retriable(e)) {
                    throw e;
                }
                Thread.sleep(FIRST_BACKOFF.toMillis() << attempt);
            }
        }
    }

    private static <T> Decided<T> fallback(T advice, ModelAdvisor llm, Reply<?> answered, Exception e) {
        Reply<?> reply = e instanceof UnusableReply unusable ? unusable.asReply() : answered;
        String reason = (e instanceof AdviceValidator.Rejected ? "rejected: " : e instanceof UnusableReply ? "unusable reply: "
                : llm.provider() + " failed: ")
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        if (reason.length() > 500) {
            reason = reason.substring(0, 500);
        }
        log.warn("{} for {}; the rules decide", reason, llm.model());
        return new Decided<>(advice, "rules", null, reply == null ? null : reply.raw(), reply == null ? null : reply.inputTokens(),
                reply == null ? null : reply.outputTokens(), List.of(), true, reason);
    }
}
