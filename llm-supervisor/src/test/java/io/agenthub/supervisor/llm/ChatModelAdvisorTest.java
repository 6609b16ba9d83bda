package io.agenthub.supervisor.llm;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.PositionSide;
import io.agenthub.schemas.events.PositionSnapshot;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.supervisor.AdviceHandler;
import io.agenthub.supervisor.TestRequests;
import io.agenthub.supervisor.advice.AdviceValidator;
import io.agenthub.supervisor.advice.FallbackAdvisor;
import io.agenthub.supervisor.advice.RuleBasedAdvisor;
import io.agenthub.testkit.llm.LlmPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each provider's advisor against a local peer that speaks that provider's wire format (OpenAI chat completions, which
 * DeepSeek shares; Anthropic messages; Gemini generateContent): a good answer is used (clamped where it oversteps), and
 * every kind of bad one — garbage, a strategy outside the catalogue, a refusal, a stop on the wrong side, an HTTP
 * error, a rate limit, a wrong key, a slow reply — falls back to the rules with the reason on the record.
 */
class ChatModelAdvisorTest {

    private static final Clock CLOCK = Clock.fixed(TestRequests.NOW, ZoneOffset.UTC);
    private final LlmPeer peer = peer();
    private final StrategyCatalog catalog = StrategyCatalog.builtIn();
    private final RuleBasedAdvisor rules = new RuleBasedAdvisor(catalog, Instruments.defaults());

    private static LlmPeer peer() {
        try {
            return new LlmPeer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    static LlmPeer.Wire wire(LlmProvider provider) {
        return switch (provider) {
            case OPENAI, DEEPSEEK -> LlmPeer.Wire.OPENAI;
            case ANTHROPIC -> LlmPeer.Wire.ANTHROPIC;
            case GEMINI -> LlmPeer.Wire.GEMINI;
        };
    }

    private AdviceHandler handler(LlmProvider provider, String key, Duration timeout) {
        ChatModelAdvisor model = new ChatModelAdvisor(provider, peer.baseUrl(wire(provider)), key, "model-test", timeout, rules, catalog);
        return new AdviceHandler(new FallbackAdvisor(Optional.of(model), rules, new AdviceValidator(catalog), CLOCK), CLOCK);
    }

    private AdviceHandler.Answer plan(LlmProvider provider, String content) {
        peer.answer(content);
        return handler(provider, LlmPeer.KEY, Duration.ofSeconds(5)).handle(TestRequests.request(AdvisorKind.PLANNING, 120).build());
    }

    private static AdvisorRequest supervision() {
        return TestRequests.request(AdvisorKind.SUPERVISION, 60).setPosition(PositionSnapshot.newBuilder().setSide(PositionSide.LONG)
                .setQuantity(Decimals.toWire(BigDecimal.ONE)).setEntryPrice(Decimals.toWire(new BigDecimal("19900")))
                .setStopLoss(null).setTakeProfit(null).setUnrealizedPnl(Decimals.toWire(new BigDecimal("100")))
                .setOpenedAt(TestRequests.NOW.minusSeconds(600)).build()).build();
    }

    @ParameterizedTest
    @EnumSource(LlmProvider.class)
    void shouldUseTheModelsPlanAndClampWhatOverstepsWhenTheReplyIsValid(LlmProvider provider) {
        AdviceHandler.Answer answer = plan(provider, """
                {"strategy_name":"z_score","lookback":5000,"threshold":0.7,"max_loss_pct":9,"reasoning":"ranging: mean reversion"}""");

        StrategyPlan plan = (StrategyPlan) answer.reply();
        assertThat(plan.getProvider()).isEqualTo(provider.id());
        assertThat(plan.getModel()).isEqualTo("model-test");
        assertThat(plan.getFallback()).isFalse();
        assertThat(plan.getStrategyName()).isEqualTo("z_score");
        assertThat(plan.getLookback()).as("clamped to z_score's bound").isEqualTo((int) catalog.require("z_score").parameter("lookback").max());
        assertThat(Decimals.fromWire(plan.getMaxLossPct())).as("never beyond the agent's bound").isEqualByComparingTo("2");
        assertThat(answer.decision().getValidationNotes()).anySatisfy(n -> assertThat(n).startsWith("lookback 5000 clamped"))
                .anySatisfy(n -> assertThat(n).startsWith("max_loss_pct 9 clamped"));
        assertThat(answer.decision().getInputTokens()).isEqualTo(812);
        assertThat(answer.decision().getOutputTokens()).isEqualTo(64);
        assertThat(answer.decision().getReply()).contains("mean reversion");
        assertThat(answer.decision().getEvidence()).contains("net");

        LlmPeer.Received request = peer.requests(wire(provider)).getFirst();
        assertThat(request.prompt()).as("the model sees evidence: backtests of the catalogue").contains("Backtests of the catalogue")
                .contains("trades");
        if (provider.enforcesSchema()) {
            assertThat(request.body().toString()).as("the JSON schema goes with the request").contains("strategy_name").contains("max_loss_pct");
        } else {
            assertThat(request.prompt()).as("JSON mode: the schema is in the prompt").contains("\"strategy_name\" (string)")
                    .contains("\"lookback\" (integer)");
        }
    }

    @ParameterizedTest
    @EnumSource(LlmProvider.class)
    void shouldFallBackToTheRulesWhenTheReplyIsGarbageOrOutsideTheCatalogue(LlmProvider provider) {
        for (String content : new String[]{"I think you should buy.", "[1,2]", "{\"strategy_name\":\"moonshot\",\"lookback\":10,"
                + "\"threshold\":0.5,\"max_loss_pct\":1,\"reasoning\":\"yolo\"}", "{\"strategy_name\":42}"}) {
            AdviceHandler.Answer answer = plan(provider, content);
            StrategyPlan plan = (StrategyPlan) answer.reply();
            assertThat(plan.getFallback()).as(content).isTrue();
            assertThat(plan.getProvider()).isEqualTo("rules");
            assertThat(catalog.find(plan.getStrategyName())).isPresent();
            assertThat(answer.decision().getFallbackReason()).isNotBlank();
            assertThat(answer.decision().getReply()).as("the raw reply is kept for audit").isEqualTo(content);
        }
        assertThat(plan(provider, "{\"strategy_name\":\"moonshot\",\"lookback\":10,\"threshold\":0.5,\"max_loss_pct\":1,\"reasoning\":\"x\"}")
                .decision().getFallbackReason()).isEqualTo("rejected: strategy 'moonshot' is not in the catalogue");
    }

    @ParameterizedTest
    @EnumSource(LlmProvider.class)
    void shouldFallBackWhenTheModelRefuses(LlmProvider provider) {
        peer.refuse = true;

        AdviceHandler.Answer answer = plan(provider, "{}");

        assertThat(answer.decision().getFallback()).isTrue();
        assertThat(answer.decision().getFallbackReason()).startsWith("unusable reply: the ").containsAnyOf("refused", "refusal");
    }

    @ParameterizedTest
    @EnumSource(LlmProvider.class)
    void shouldFallBackWhenTheProviderFailsIsRateLimitedUnauthorisedOrTooSlow(LlmProvider provider) {
        peer.answer("{\"strategy_name\":\"z_score\",\"lookback\":20,\"threshold\":0.5,\"max_loss_pct\":1,\"reasoning\":\"x\"}");
        peer.status = 500;
        assertThat(handler(provider, LlmPeer.KEY, Duration.ofSeconds(5)).handle(TestRequests.request(AdvisorKind.PLANNING, 120).build())
                .decision().getFallbackReason()).startsWith(provider.id() + " failed");
        assertThat(peer.requests).as("a 5xx is asked again twice").hasSize(3);

        peer.status = 429;
        assertThat(handler(provider, LlmPeer.KEY, Duration.ofSeconds(5)).handle(TestRequests.request(AdvisorKind.PLANNING, 120).build())
                .decision().getFallback()).isTrue();
        assertThat(peer.requests).as("a rate limit is asked again twice, after a pause").hasSize(6);

        peer.status = 200;
        AdviceHandler.Answer unauthorised = handler(provider, "sk-wrong", Duration.ofSeconds(5))
                .handle(TestRequests.request(AdvisorKind.PLANNING, 120).build());
        assertThat(unauthorised.decision().getFallback()).isTrue();
        assertThat(unauthorised.decision().getFallbackReason()).doesNotContain("sk-wrong");

        peer.delayMillis = 3_000;
        long started = System.nanoTime();
        AdviceHandler.Answer slow = handler(provider, LlmPeer.KEY, Duration.ofMillis(500)).handle(TestRequests.request(AdvisorKind.PLANNING, 120).build());
        assertThat(slow.decision().getFallback()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the timeout holds").isLessThan(Duration.ofMillis(2_900));
    }

    @ParameterizedTest
    @EnumSource(LlmProvider.class)
    void shouldRejectAStopOnTheWrongSideAndPullOneBeyondMaxLossBack(LlmProvider provider) {
        peer.answer("{\"action\":\"ADJUST_TP_SL\",\"stop_loss\":20100,\"take_profit\":21000,\"reasoning\":\"tighten\"}");
        AdviceHandler.Answer wrongSide = handler(provider, LlmPeer.KEY, Duration.ofSeconds(5)).handle(supervision());
        assertThat(wrongSide.decision().getFallback()).isTrue();
        assertThat(wrongSide.decision().getFallbackReason()).contains("wrong side of the price");

        peer.answer("{\"action\":\"ADJUST_TP_SL\",\"stop_loss\":15000,\"take_profit\":21000,\"reasoning\":\"give it room\"}");
        AdviceHandler.Answer wide = handler(provider, LlmPeer.KEY, Duration.ofSeconds(5)).handle(supervision());
        RiskAdjustment adjustment = (RiskAdjustment) wide.reply();
        assertThat(adjustment.getFallback()).isFalse();
        assertThat(Decimals.fromWire(adjustment.getStopLoss())).as("2 % below entry 19900").isEqualByComparingTo("19502");
        assertThat(wide.decision().getValidationNotes()).singleElement().satisfies(n -> assertThat(n).contains("beyond max loss"));

        peer.answer("{\"action\":\"DOUBLE_DOWN\",\"stop_loss\":0,\"take_profit\":0,\"reasoning\":\"to the moon\"}");
        AdviceHandler.Answer hallucinated = handler(provider, LlmPeer.KEY, Duration.ofSeconds(5)).handle(supervision());
        assertThat(hallucinated.decision().getFallback()).isTrue();
        assertThat(hallucinated.decision().getFallbackReason()).isEqualTo("unusable reply: the reply's action is not KEEP, CLOSE or ADJUST_TP_SL");

        peer.answer("{\"action\":\"KEEP\",\"stop_loss\":0,\"take_profit\":0,\"reasoning\":\"fine\"}");
        assertThat(((RiskAdjustment) handler(provider, LlmPeer.KEY, Duration.ofSeconds(5)).handle(supervision()).reply())
                .getAction().name()).isEqualTo("KEEP");
    }
}
