package io.agenthub.supervisor.openai;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.PositionSide;
import io.agenthub.schemas.events.PositionSnapshot;
import io.agenthub.schemas.Decimals;
import io.agenthub.supervisor.AdviceHandler;
import io.agenthub.supervisor.TestRequests;
import io.agenthub.supervisor.advice.AdviceValidator;
import io.agenthub.supervisor.advice.FallbackAdvisor;
import io.agenthub.supervisor.advice.RuleBasedAdvisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI advisor against a local peer that speaks the real wire format: a good answer is used (clamped where it
 * oversteps), and every kind of bad one — garbage, a strategy outside the catalogue, a stop on the wrong side, an
 * HTTP error, a wrong key, a timeout — falls back to the rules with the reason on the record.
 */
class OpenAiAdvisorTest {

    private final OpenAiPeer peer = peer();
    private final StrategyCatalog catalog = StrategyCatalog.builtIn();
    private final RuleBasedAdvisor rules = new RuleBasedAdvisor(catalog, Instruments.defaults());

    private static OpenAiPeer peer() {
        try {
            return new OpenAiPeer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    private AdviceHandler handler(String key, Duration timeout) {
        OpenAiAdvisor openai = new OpenAiAdvisor("openai", peer.baseUrl(), key, "gpt-test", timeout, rules, catalog);
        return new AdviceHandler(new FallbackAdvisor(Optional.of(openai), rules, new AdviceValidator(catalog)),
                Clock.fixed(TestRequests.NOW, ZoneOffset.UTC));
    }

    private AdviceHandler.Answer plan(String content) {
        peer.content = content;
        return handler(OpenAiPeer.KEY, Duration.ofSeconds(5)).handle(TestRequests.request(AdvisorKind.PLANNING, 120).build());
    }

    private static AdvisorRequest supervision() {
        return TestRequests.request(AdvisorKind.SUPERVISION, 60).setPosition(PositionSnapshot.newBuilder().setSide(PositionSide.LONG)
                .setQuantity(Decimals.toWire(BigDecimal.ONE)).setEntryPrice(Decimals.toWire(new BigDecimal("19900")))
                .setStopLoss(null).setTakeProfit(null).setUnrealizedPnl(Decimals.toWire(new BigDecimal("100")))
                .setOpenedAt(TestRequests.NOW.minusSeconds(600)).build()).build();
    }

    @Test
    void shouldUseTheModelsPlanAndClampWhatOverstepsWhenTheReplyIsValid() {
        AdviceHandler.Answer answer = plan("""
                {"strategy_name":"z_score","lookback":5000,"threshold":0.7,"max_loss_pct":9,"reasoning":"ranging: mean reversion"}""");

        io.agenthub.schemas.events.StrategyPlan plan = (io.agenthub.schemas.events.StrategyPlan) answer.reply();
        assertThat(plan.getProvider()).isEqualTo("openai");
        assertThat(plan.getModel()).isEqualTo("gpt-test");
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

        String prompt = peer.requests.getFirst().path("messages").toString();
        assertThat(prompt).as("the model sees evidence: backtests of the catalogue").contains("Backtests of the catalogue").contains("trades");
        assertThat(peer.requests.getFirst().path("response_format").path("json_schema").path("schema").path("required").toString())
                .contains("strategy_name");
    }

    @Test
    void shouldFallBackToTheRulesWhenTheReplyIsGarbageOrOutsideTheCatalogue() {
        for (String content : new String[]{"I think you should buy.", "[1,2]", "{\"strategy_name\":\"moonshot\",\"lookback\":10,"
                + "\"threshold\":0.5,\"max_loss_pct\":1,\"reasoning\":\"yolo\"}", "{\"strategy_name\":42}"}) {
            AdviceHandler.Answer answer = plan(content);
            io.agenthub.schemas.events.StrategyPlan plan = (io.agenthub.schemas.events.StrategyPlan) answer.reply();
            assertThat(plan.getFallback()).as(content).isTrue();
            assertThat(plan.getProvider()).isEqualTo("rules");
            assertThat(catalog.find(plan.getStrategyName())).isPresent();
            assertThat(answer.decision().getFallbackReason()).isNotBlank();
            assertThat(answer.decision().getReply()).as("the raw reply is kept for audit").isEqualTo(content);
        }
        assertThat(plan("{\"strategy_name\":\"moonshot\",\"lookback\":10,\"threshold\":0.5,\"max_loss_pct\":1,\"reasoning\":\"x\"}")
                .decision().getFallbackReason()).isEqualTo("rejected: strategy 'moonshot' is not in the catalogue");
    }

    @Test
    void shouldFallBackWhenTheProviderFailsIsUnauthorisedOrTooSlow() {
        peer.content = "{\"strategy_name\":\"z_score\",\"lookback\":20,\"threshold\":0.5,\"max_loss_pct\":1,\"reasoning\":\"x\"}";
        peer.status = 500;
        assertThat(handler(OpenAiPeer.KEY, Duration.ofSeconds(5)).handle(TestRequests.request(AdvisorKind.PLANNING, 120).build())
                .decision().getFallbackReason()).startsWith("openai failed");

        peer.status = 200;
        assertThat(handler("sk-wrong", Duration.ofSeconds(5)).handle(TestRequests.request(AdvisorKind.PLANNING, 120).build())
                .decision().getFallback()).isTrue();

        peer.delayMillis = 3_000;
        long started = System.nanoTime();
        AdviceHandler.Answer slow = handler(OpenAiPeer.KEY, Duration.ofMillis(500)).handle(TestRequests.request(AdvisorKind.PLANNING, 120).build());
        assertThat(slow.decision().getFallback()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the timeout holds").isLessThan(Duration.ofMillis(2_900));
    }

    @Test
    void shouldRejectAStopOnTheWrongSideAndPullOneBeyondMaxLossBack() {
        peer.content = "{\"action\":\"ADJUST_TP_SL\",\"stop_loss\":20100,\"take_profit\":21000,\"reasoning\":\"tighten\"}";
        AdviceHandler.Answer wrongSide = handler(OpenAiPeer.KEY, Duration.ofSeconds(5)).handle(supervision());
        assertThat(wrongSide.decision().getFallback()).isTrue();
        assertThat(wrongSide.decision().getFallbackReason()).contains("wrong side of the price");

        peer.content = "{\"action\":\"ADJUST_TP_SL\",\"stop_loss\":15000,\"take_profit\":21000,\"reasoning\":\"give it room\"}";
        AdviceHandler.Answer wide = handler(OpenAiPeer.KEY, Duration.ofSeconds(5)).handle(supervision());
        io.agenthub.schemas.events.RiskAdjustment adjustment = (io.agenthub.schemas.events.RiskAdjustment) wide.reply();
        assertThat(adjustment.getFallback()).isFalse();
        assertThat(Decimals.fromWire(adjustment.getStopLoss())).as("2 % below entry 19900").isEqualByComparingTo("19502");
        assertThat(wide.decision().getValidationNotes()).singleElement().satisfies(n -> assertThat(n).contains("beyond max loss"));

        peer.content = "{\"action\":\"KEEP\",\"stop_loss\":0,\"take_profit\":0,\"reasoning\":\"fine\"}";
        assertThat(((io.agenthub.schemas.events.RiskAdjustment) handler(OpenAiPeer.KEY, Duration.ofSeconds(5)).handle(supervision()).reply())
                .getAction().name()).isEqualTo("KEEP");
    }
}
