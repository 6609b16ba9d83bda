package io.agenthub.supervisor.advice;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.trading.PositionSide;
import io.agenthub.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties: whatever a model replies (any strategy name, any numbers, any action, garbage or nothing), and whatever
 * the agent's bounds and position, the advice that is published stays within the agent's bounds: a strategy of the
 * catalogue with its lookback in range, a threshold in (0, 1], a max loss within the agent's; a stop on the losing side
 * of the price and never further than max loss from entry, a take-profit beyond entry and price. Thousands of cases
 * from fixed seeds, so a failure is reproducible from the seed printed with it.
 */
class AdviceBoundsPropertyTest {

    private static final int CASES = 3_000;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final StrategyCatalog CATALOG = StrategyCatalog.builtIn();
    private static final List<String> NAMES = CATALOG.all().stream().map(StrategyDefinition::name).toList();

    /** A model that answers whatever it is given, or fails. */
    private static final class AnyModel implements FallbackAdvisor.ModelAdvisor {
        PlanAdvice plan;
        SupervisionAdvice supervision;
        boolean unusable;

        @Override
        public String provider() {
            return "any";
        }

        @Override
        public String model() {
            return "any-1";
        }

        @Override
        public FallbackAdvisor.Reply<PlanAdvice> plan(AdvisorContext context) {
            if (unusable) {
                throw new UnusableReply("garbage", "???", 1, 1);
            }
            return new FallbackAdvisor.Reply<>(plan, "{}", 1, 1);
        }

        @Override
        public FallbackAdvisor.Reply<SupervisionAdvice> supervise(AdvisorContext context) {
            if (unusable) {
                throw new UnusableReply("garbage", "???", 1, 1);
            }
            return new FallbackAdvisor.Reply<>(supervision, "{}", 1, 1);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final AnyModel model = new AnyModel();
    private final FallbackAdvisor advisor = new FallbackAdvisor((owner, agent) -> FallbackAdvisor.Choice.of(model),
            new RuleBasedAdvisor(CATALOG, Instruments.defaults()), new AdviceValidator(CATALOG),
            new ModelGuard(new ModelGuard.Limits(1_000_000, Duration.ofSeconds(1), 0, 0), clock), Duration.ofMinutes(1));

    @Test
    void shouldPublishOnlyPlansWithinTheCatalogueAndTheAgentsBoundsWhateverTheModelReplies() {
        for (int seed = 0; seed < CASES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            AdvisorContext context = context(random, false);
            model.unusable = random.nextInt(10) == 0;
            model.plan = new PlanAdvice(random.nextInt(5) == 0 ? "hallucinated_" + random.nextInt(3) : NAMES.get(random.nextInt(NAMES.size())),
                    random.nextInt(-1_000, 20_000), random.nextInt(8) == 0 ? null : decimal(random, -2, 3),
                    random.nextInt(8) == 0 ? null : decimal(random, -5, 50), Map.of(), "because", "");

            Decided<PlanAdvice> decided = advisor.plan(context, "o1", clock.instant());

            PlanAdvice plan = decided.advice();
            String why = "seed " + seed + ": " + model.plan + " -> " + plan;
            StrategyDefinition strategy = CATALOG.find(plan.strategyName()).orElse(null);
            assertThat(strategy).as(why).isNotNull();
            ParameterSpec lookback = strategy.parameter("lookback");
            assertThat((double) plan.lookback()).as(why).isBetween(lookback.min(), lookback.max());
            assertThat(plan.threshold()).as(why).isPositive().isLessThanOrEqualTo(BigDecimal.ONE);
            assertThat(plan.maxLossPct()).as(why).isPositive().isLessThanOrEqualTo(context.bounds().maxLoss());
        }
    }

    @Test
    void shouldPublishOnlyStopsAndTargetsWithinTheAgentsBoundsWhateverTheModelReplies() {
        int adjusted = 0;
        for (int seed = 0; seed < CASES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            AdvisorContext context = context(random, true);
            BigDecimal last = context.lastPrice();
            SupervisionAdvice.Action[] actions = SupervisionAdvice.Action.values();
            model.unusable = random.nextInt(10) == 0;
            model.supervision = new SupervisionAdvice(random.nextInt(12) == 0 ? null : actions[random.nextInt(actions.length)],
                    random.nextInt(10) == 0 ? null : last.multiply(decimal(random, 0.7, 1.3)).setScale(2, RoundingMode.HALF_EVEN),
                    random.nextInt(10) == 0 ? null : last.multiply(decimal(random, 0.7, 1.3)).setScale(2, RoundingMode.HALF_EVEN), "because");

            Decided<SupervisionAdvice> decided = advisor.supervise(context, "o1", clock.instant());

            SupervisionAdvice advice = decided.advice();
            String why = "seed " + seed + ": " + model.supervision + " on " + context.position() + " at " + last + " -> " + advice
                    + (decided.fallback() ? " (rules: " + decided.fallbackReason() + ")" : "");
            assertThat(advice.action()).as(why).isNotNull();
            if (advice.action() != SupervisionAdvice.Action.ADJUST_TP_SL) {
                assertThat(advice.stopLoss()).as(why).isNull();
                assertThat(advice.takeProfit()).as(why).isNull();
                continue;
            }
            adjusted++;
            AdvisorContext.OpenPosition position = context.position();
            BigDecimal entry = position.entryPrice();
            BigDecimal lossBound = entry.multiply(context.bounds().maxLoss()).divide(HUNDRED, 12, RoundingMode.HALF_EVEN);
            if (position.side() == PositionSide.LONG) {
                assertThat(advice.stopLoss()).as(why).isLessThan(last).isGreaterThanOrEqualTo(entry.subtract(lossBound));
                if (advice.takeProfit() != null) {
                    assertThat(advice.takeProfit()).as(why).isGreaterThan(entry).isGreaterThan(last);
                }
            } else {
                assertThat(advice.stopLoss()).as(why).isGreaterThan(last).isLessThanOrEqualTo(entry.add(lossBound));
                if (advice.takeProfit() != null) {
                    assertThat(advice.takeProfit()).as(why).isLessThan(entry).isLessThan(last);
                }
            }
        }
        assertThat(adjusted).as("the property is exercised, not vacuous").isGreaterThan(CASES / 10);
    }

    /** A random agent: bounds, a price, bars around it, and (for supervision) a position opened near it. */
    private static AdvisorContext context(SplittableRandom random, boolean withPosition) {
        BigDecimal price = decimal(random, 100, 100_000).setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal stopPct = decimal(random, 0.1, 10);
        AdvisorContext.Bounds bounds = new AdvisorContext.Bounds(stopPct, decimal(random, 0.1, 20),
                random.nextBoolean() ? null : stopPct.add(decimal(random, 0, 10)), random.nextInt(1, 126), random.nextBoolean());
        List<Bar> bars = new ArrayList<>();
        int count = random.nextInt(0, 80);
        Instant start = Instant.parse("2026-11-29T00:00:00Z");
        double close = price.doubleValue();
        for (int i = 0; i < count; i++) {
            double next = close * (1 + (random.nextDouble() - 0.5) * 0.01);
            BigDecimal open = BigDecimal.valueOf(close).setScale(2, RoundingMode.HALF_EVEN);
            BigDecimal shut = BigDecimal.valueOf(next).setScale(2, RoundingMode.HALF_EVEN);
            bars.add(new Bar(Symbol.parse("BTC/USDT"), Timeframe.ONE_MINUTE, start.plusSeconds(60L * i), open,
                    open.max(shut).multiply(new BigDecimal("1.001")).setScale(2, RoundingMode.HALF_EVEN),
                    open.min(shut).multiply(new BigDecimal("0.999")).setScale(2, RoundingMode.HALF_EVEN), shut, BigDecimal.ONE));
            close = next;
        }
        AdvisorContext.OpenPosition position = null;
        if (withPosition) {
            PositionSide side = random.nextBoolean() ? PositionSide.LONG : PositionSide.SHORT;
            BigDecimal entry = price.multiply(decimal(random, 0.9, 1.1)).setScale(2, RoundingMode.HALF_EVEN);
            BigDecimal currentStop = random.nextBoolean() ? null
                    : (side == PositionSide.LONG ? price.multiply(new BigDecimal("0.99")) : price.multiply(new BigDecimal("1.01"))).setScale(2, RoundingMode.HALF_EVEN);
            position = new AdvisorContext.OpenPosition(side, BigDecimal.ONE, entry, currentStop, null, BigDecimal.ZERO);
        }
        AdvisorContext.CurrentPlan plan = random.nextBoolean() ? null
                : new AdvisorContext.CurrentPlan(NAMES.get(random.nextInt(NAMES.size())), random.nextInt(2, 200), decimal(random, -1, 2),
                random.nextBoolean() ? null : decimal(random, 0.1, 30));
        return new AdvisorContext("a" + random.nextInt(), "BTC/USDT", 60, bars, price, Map.of(), plan, position, bounds);
    }

    private static BigDecimal decimal(SplittableRandom random, double from, double to) {
        return BigDecimal.valueOf(from + random.nextDouble() * (to - from)).setScale(4, RoundingMode.HALF_EVEN);
    }
}
