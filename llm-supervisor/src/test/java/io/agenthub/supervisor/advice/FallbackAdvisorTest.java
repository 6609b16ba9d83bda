package io.agenthub.supervisor.advice;

import io.agenthub.testkit.ManualClock;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FallbackAdvisorTest {

    /** A model that fails or answers as told, counting its calls. */
    private static class StubModel implements FallbackAdvisor.ModelAdvisor {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failing;
        volatile int busyFor;

        @Override
        public boolean retriable(Exception failure) {
            return failure.getMessage().contains("429");
        }

        @Override
        public String provider() {
            return "stub";
        }

        @Override
        public String model() {
            return "stub-1";
        }

        @Override
        public FallbackAdvisor.Reply<PlanAdvice> plan(AdvisorContext context) throws Exception {
            calls.incrementAndGet();
            if (busyFor > 0) {
                busyFor--;
                throw new java.io.IOException("HTTP 429 rate limited");
            }
            if (failing) {
                throw new java.io.IOException("HTTP 503");
            }
            return new FallbackAdvisor.Reply<>(new PlanAdvice("z_score", 20, new BigDecimal("0.5"), new BigDecimal("1"), Map.of(), "ok", ""),
                    "{}", 10, 5);
        }

        @Override
        public FallbackAdvisor.Reply<SupervisionAdvice> supervise(AdvisorContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private static final AdvisorContext CONTEXT = new AdvisorContext("a1", "BTC/USDT", 60, List.of(), new BigDecimal("20000"), Map.of(),
            null, null, new AdvisorContext.Bounds(new BigDecimal("2"), new BigDecimal("4"), null, 1, false));

    private final ManualClock clock = new ManualClock();
    private final StubModel model = new StubModel();

    private FallbackAdvisor advisor(int callsPerHour) {
        return advisor(callsPerHour, 0, (owner, agent) -> FallbackAdvisor.Choice.of(model));
    }

    private FallbackAdvisor advisor(int callsPerHour, long tokensPerHour, FallbackAdvisor.ModelSource models) {
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        return new FallbackAdvisor(models, new RuleBasedAdvisor(catalog, Instruments.defaults()), new AdviceValidator(catalog),
                new ModelGuard(new ModelGuard.Limits(5, Duration.ofMinutes(1), callsPerHour, tokensPerHour), clock), Duration.ofSeconds(60));
    }

    @Test
    void shouldStopAskingAFailingProviderAfterFiveFailuresAndTryAgainAMinuteLater() {
        FallbackAdvisor advisor = advisor(1000);
        model.failing = true;
        for (int i = 0; i < 5; i++) {
            assertThat(advisor.plan(CONTEXT, "o1", clock.instant()).fallbackReason()).startsWith("stub failed: HTTP 503");
        }

        Decided<PlanAdvice> open = advisor.plan(CONTEXT, "o1", clock.instant());
        assertThat(open.fallback()).isTrue();
        assertThat(open.fallbackReason()).contains("stub circuit open after 5 failures");
        assertThat(model.calls).as("the open circuit spares the provider").hasValue(5);

        clock.advance(Duration.ofMinutes(1));
        model.failing = false;
        Decided<PlanAdvice> recovered = advisor.plan(CONTEXT, "o1", clock.instant());
        assertThat(recovered.fallback()).isFalse();
        assertThat(recovered.provider()).isEqualTo("stub");
        assertThat(recovered.inputTokens()).isEqualTo(10);
    }

    /** A context that differs from others by its last price, so no answer is reused. */
    private static AdvisorContext at(int price) {
        return new AdvisorContext("a1", "BTC/USDT", 60, List.of(), BigDecimal.valueOf(price), Map.of(), null, null, CONTEXT.bounds());
    }

    @Test
    void shouldAnswerByRulesWhenAnOwnersHourlyBudgetIsUsedUp() {
        FallbackAdvisor advisor = advisor(2);
        assertThat(advisor.plan(at(1), "o1", clock.instant()).fallback()).isFalse();
        assertThat(advisor.plan(at(2), "o1", clock.instant()).fallback()).isFalse();

        Decided<PlanAdvice> third = advisor.plan(at(3), "o1", clock.instant());
        assertThat(third.fallback()).isTrue();
        assertThat(third.fallbackReason()).contains("budget of 2 model calls per hour");
        assertThat(advisor.plan(at(4), "o2", clock.instant()).fallback()).as("another owner has a budget of their own").isFalse();
        assertThat(advisor.plan(at(1), "o1", clock.instant()).fallback()).as("a repeated context reuses its answer, spending nothing").isFalse();

        clock.advance(Duration.ofMinutes(61));
        assertThat(advisor.plan(at(5), "o1", clock.instant()).fallback()).isFalse();
    }

    @Test
    void shouldAskAgainAfterAPauseWhenTheProviderIsRateLimited() {
        FallbackAdvisor advisor = advisor(1000);
        model.busyFor = 2;

        Decided<PlanAdvice> decided = advisor.plan(CONTEXT, "o1", clock.instant());

        assertThat(decided.fallback()).isFalse();
        assertThat(model.calls).as("two retries").hasValue(3);
        model.busyFor = 5;
        assertThat(advisor.plan(at(20001), "o1", clock.instant()).fallbackReason()).as("gives up after two retries").contains("429");
    }

    @Test
    void shouldReuseTheModelsAnswerWhenTheSameContextComesAgainWithinAMinute() {
        FallbackAdvisor advisor = advisor(1000);

        Decided<PlanAdvice> first = advisor.plan(CONTEXT, "o1", clock.instant());
        Decided<PlanAdvice> again = advisor.plan(CONTEXT, "o1", clock.instant());

        assertThat(again).isSameAs(first);
        assertThat(model.calls).hasValue(1);
        clock.advance(Duration.ofSeconds(61));
        advisor.plan(CONTEXT, "o1", clock.instant());
        assertThat(model.calls).hasValue(2);
    }

    @Test
    void shouldAnswerByRulesWhenAnOwnersHourlyTokenBudgetIsSpent() {
        FallbackAdvisor advisor = advisor(0, 30, (owner, agent) -> FallbackAdvisor.Choice.of(model));
        assertThat(advisor.plan(at(1), "o1", clock.instant()).fallback()).as("15 tokens spent").isFalse();
        assertThat(advisor.plan(at(2), "o1", clock.instant()).fallback()).as("30 tokens spent").isFalse();

        Decided<PlanAdvice> third = advisor.plan(at(3), "o1", clock.instant());
        assertThat(third.fallback()).isTrue();
        assertThat(third.fallbackReason()).isEqualTo("stub not asked: budget of 30 tokens per hour for this owner is used up (30 spent)");
        assertThat(model.calls).hasValue(2);

        clock.advance(Duration.ofMinutes(61));
        assertThat(advisor.plan(at(4), "o1", clock.instant()).fallback()).isFalse();
    }

    @Test
    void shouldAnswerAtOnceByRulesWhenTheRequestWaitedTooLongInTheQueue() {
        FallbackAdvisor advisor = advisor(1000);
        java.time.Instant requested = clock.instant();
        clock.advance(Duration.ofSeconds(61));

        Decided<PlanAdvice> late = advisor.plan(CONTEXT, "o1", requested);

        assertThat(late.fallback()).isTrue();
        assertThat(late.fallbackReason()).isEqualTo("stub not asked: the request waited 61 s in the queue (more than 60 s)");
        assertThat(model.calls).hasValue(0);
    }

    @Test
    void shouldMarkTheRulesAnswerAsAFallbackWhenTheChosenModelCannotBeUsed() {
        FallbackAdvisor advisor = advisor(1000, 0, (owner, agent) -> owner.equals("o1")
                ? FallbackAdvisor.Choice.unavailable("anthropic is chosen but ANTHROPIC_API_KEY is not set")
                : FallbackAdvisor.Choice.none());

        Decided<PlanAdvice> keyless = advisor.plan(CONTEXT, "o1", clock.instant());
        Decided<PlanAdvice> unchosen = advisor.plan(CONTEXT, "o2", clock.instant());

        assertThat(keyless.fallback()).isTrue();
        assertThat(keyless.fallbackReason()).isEqualTo("anthropic is chosen but ANTHROPIC_API_KEY is not set");
        assertThat(unchosen.fallback()).as("no model chosen: the rules decide, and that is no fallback").isFalse();
        assertThat(unchosen.provider()).isEqualTo("rules");
    }

    @Test
    void shouldKeepOneProvidersOpenCircuitFromSparingAnother() {
        StubModel other = new StubModel() {
            @Override
            public String provider() {
                return "other";
            }
        };
        FallbackAdvisor advisor = advisor(1000, 0, (owner, agent) -> FallbackAdvisor.Choice.of(owner.equals("o1") ? model : other));
        model.failing = true;
        for (int i = 0; i < 6; i++) {
            advisor.plan(at(i), "o1", clock.instant());
        }
        assertThat(advisor.plan(at(100), "o1", clock.instant()).fallbackReason()).contains("stub circuit open");

        assertThat(advisor.plan(at(100), "o2", clock.instant()).fallback()).as("the other provider is still asked").isFalse();
        assertThat(other.calls).hasValue(1);
    }
}
