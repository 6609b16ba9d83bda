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
 * Asks the model first and the rules when the model cannot be used: no model configured, a failed call (timeout,
 * HTTP error, rate limit), a reply that does not parse, or one validation rejects. The rules' answer is then marked
 * as a fallback with the reason. What validation changed in a model's answer is kept.
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

    private final Optional<ModelAdvisor> model;
    private final RuleBasedAdvisor rules;
    private final AdviceValidator validator;
    private final ModelGuard guard;
    /** The model's recent answers by context: a redelivered or repeated request costs no second call. */
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();

    private record Cached(Decided<?> decided, Instant at) {
    }

    static final int RETRIES = 2;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration REUSE_FOR = Duration.ofSeconds(60);

    public FallbackAdvisor(Optional<ModelAdvisor> model, RuleBasedAdvisor rules, AdviceValidator validator) {
        this(model, rules, validator, ModelGuard.standard(java.time.Clock.systemUTC()));
    }

    public FallbackAdvisor(Optional<ModelAdvisor> model, RuleBasedAdvisor rules, AdviceValidator validator, ModelGuard guard) {
        this.model = model;
        this.rules = rules;
        this.validator = validator;
        this.guard = guard;
        if (model.isEmpty()) {
            log.warn("no LLM provider is configured (or its API key is missing): the rule-based advisor decides");
        }
    }

    public Decided<PlanAdvice> plan(AdvisorContext context, String ownerId) {
        return decide("plan", context, ownerId, ModelAdvisor::plan, validator::plan, rules::plan);
    }

    public Decided<SupervisionAdvice> supervise(AdvisorContext context, String ownerId) {
        return decide("supervise", context, ownerId, ModelAdvisor::supervise, validator::supervision, rules::supervise);
    }

    private interface Ask<T> {
        Reply<T> ask(ModelAdvisor model, AdvisorContext context) throws Exception;
    }

    private interface Check<T> {
        AdviceValidator.Checked<T> check(T advice, AdvisorContext context) throws AdviceValidator.Rejected;
    }

    /** The model's answer if it comes and passes validation, else the rules' answer marked as a fallback. */
    @SuppressWarnings("unchecked")
    private <T> Decided<T> decide(String kind, AdvisorContext context, String ownerId, Ask<T> ask, Check<T> check,
                                  java.util.function.Function<AdvisorContext, T> byRules) {
        if (model.isEmpty()) {
            return Decided.byRules(byRules.apply(context), null);
        }
        ModelAdvisor llm = model.get();
        Instant now = guard.clock().instant();
        String key = kind + ":" + context.hashCode() + ":" + context;
        recent.values().removeIf(c -> c.at().plus(REUSE_FOR).isBefore(now));
        Cached cached = recent.get(key);
        if (cached != null) {
            return (Decided<T>) cached.decided();
        }
        Optional<String> refused = guard.refuse(ownerId);
        if (refused.isPresent()) {
            log.warn("{} not asked: {}", llm.provider(), refused.get());
            return Decided.byRules(byRules.apply(context), llm.provider() + " not asked: " + refused.get());
        }
        Reply<T> reply = null;
        try {
            reply = askWithRetries(llm, ask, context);
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
    private <T> Reply<T> askWithRetries(ModelAdvisor llm, Ask<T> ask, AdvisorContext context) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                Reply<T> reply = ask.ask(llm, context);
                guard.succeeded();
                return reply;
            } catch (UnusableReply e) {
                guard.succeeded(); // the provider answered; the answer was bad
                throw e;
            } catch (Exception e) {
                guard.failed();
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
