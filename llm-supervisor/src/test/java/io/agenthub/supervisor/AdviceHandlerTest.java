package io.agenthub.supervisor;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.PositionSide;
import io.agenthub.schemas.events.PositionSnapshot;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.events.SupervisorAction;
import io.agenthub.supervisor.advice.AdviceValidator;
import io.agenthub.supervisor.advice.FallbackAdvisor;
import io.agenthub.supervisor.advice.RuleBasedAdvisor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AdviceHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AdviceHandler handler = new AdviceHandler(new FallbackAdvisor(Optional.empty(),
            new RuleBasedAdvisor(StrategyCatalog.builtIn(), Instruments.defaults()), new AdviceValidator(StrategyCatalog.builtIn()), CLOCK),
            CLOCK);

    @Test
    void shouldAnswerAPlanningRequestWithAPlanAndItsDecisionRecord() {
        AdviceHandler.Answer answer = handler.handle(TestRequests.request(AdvisorKind.PLANNING, 120).build());

        StrategyPlan plan = (StrategyPlan) answer.reply();
        assertThat(plan.getRequestSequence()).isEqualTo(7);
        assertThat(plan.getAgentId()).isEqualTo("a1");
        assertThat(plan.getCausationId()).isEqualTo("req-1");
        assertThat(plan.getProvider()).isEqualTo("rules");
        assertThat(Decimals.fromWire(plan.getMaxLossPct())).as("the stop bound when max_loss_pct is not set").isEqualByComparingTo("2");
        assertThat(plan.getDecisionId()).isEqualTo(answer.decision().getEventId());
        assertThat(answer.decision().getKind()).isEqualTo(AdvisorKind.PLANNING);
        assertThat(answer.decision().getDecision()).startsWith("plan " + plan.getStrategyName());
        assertThat(answer.decision().getEvidence()).startsWith("backtests of");
        assertThat(answer.decision().getPromptDigest()).startsWith("sha256:");
        assertThat(answer.decision().getFallback()).isFalse();

        AdviceHandler.Answer again = handler.handle(TestRequests.request(AdvisorKind.PLANNING, 120).build());
        assertThat(((StrategyPlan) again.reply()).getEventId()).as("a redelivered request yields the same events").isEqualTo(plan.getEventId());
        assertThat(again.decision().getEventId()).isEqualTo(answer.decision().getEventId());
    }

    @Test
    void shouldAnswerASupervisionRequestWithAnAdjustment() {
        AdvisorRequest request = TestRequests.request(AdvisorKind.SUPERVISION, 60).setPosition(PositionSnapshot.newBuilder().setSide(PositionSide.LONG)
                .setQuantity(Decimals.toWire(BigDecimal.ONE)).setEntryPrice(Decimals.toWire(new BigDecimal("19900")))
                .setStopLoss(null).setTakeProfit(null).setUnrealizedPnl(Decimals.toWire(new BigDecimal("100")))
                .setOpenedAt(NOW.minusSeconds(600)).build()).build();

        AdviceHandler.Answer answer = handler.handle(request);

        RiskAdjustment adjustment = (RiskAdjustment) answer.reply();
        assertThat(adjustment.getAction()).isEqualTo(SupervisorAction.ADJUST_TP_SL);
        assertThat(Decimals.fromWire(adjustment.getStopLoss())).isLessThan(new BigDecimal("20000")).isGreaterThanOrEqualTo(new BigDecimal("19502"));
        assertThat(adjustment.getRequestSequence()).isEqualTo(7);
        assertThat(answer.decision().getKind()).isEqualTo(AdvisorKind.SUPERVISION);
        assertThat(answer.decision().getDecision()).startsWith("adjust_tp_sl stop ");
    }
}
