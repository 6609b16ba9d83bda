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
    private static final class StubModel implements FallbackAdvisor.ModelAdvisor {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failing;

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
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        return new FallbackAdvisor(Optional.of(model), new RuleBasedAdvisor(catalog, Instruments.defaults()), new AdviceValidator(catalog),
                new ModelGuard(5, Duration.ofMinutes(1), callsPerHour, clock));
    }

    @Test
    void shouldStopAskingAFailingProviderAfterFiveFailuresAndTryAgainAMinuteLater() {
        FallbackAdvisor advisor = advisor(1000);
        model.failing = true;
        for (int i = 0; i < 5; i++) {
            assertThat(advisor.plan(CONTEXT, "o1").fallbackReason()).startsWith("stub failed: HTTP 503");
        }

        Decided<PlanAdvice> open = advisor.plan(CONTEXT, "o1");
        assertThat(open.fallback()).isTrue();
        assertThat(open.fallbackReason()).contains("circuit open after 5 failures");
        assertThat(model.calls).as("the open circuit spares the provider").hasValue(5);

        clock.advance(Duration.ofMinutes(1));
        model.failing = false;
        Decided<PlanAdvice> recovered = advisor.plan(CONTEXT, "o1");
        assertThat(recovered.fallback()).isFalse();
        assertThat(recovered.provider()).isEqualTo("stub");
        assertThat(recovered.inputTokens()).isEqualTo(10);
    }

    @Test
    void shouldAnswerByRulesWhenAnOwnersHourlyBudgetIsUsedUp() {
        FallbackAdvisor advisor = advisor(2);
        assertThat(advisor.plan(CONTEXT, "o1").fallback()).isFalse();
        assertThat(advisor.plan(CONTEXT, "o1").fallback()).isFalse();

        Decided<PlanAdvice> third = advisor.plan(CONTEXT, "o1");
        assertThat(third.fallback()).isTrue();
        assertThat(third.fallbackReason()).contains("budget of 2 model calls per hour");
        assertThat(advisor.plan(CONTEXT, "o2").fallback()).as("another owner has a budget of their own").isFalse();

        clock.advance(Duration.ofMinutes(61));
        assertThat(advisor.plan(CONTEXT, "o1").fallback()).isFalse();
    }
}
