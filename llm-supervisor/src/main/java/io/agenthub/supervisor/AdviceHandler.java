package io.agenthub.supervisor;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.trading.PositionSide;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.SupervisorAction;
import io.agenthub.schemas.events.ContextBar;
import io.agenthub.schemas.events.DecisionRecord;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.supervisor.advice.Decided;
import io.agenthub.supervisor.advice.FallbackAdvisor;
import io.agenthub.supervisor.advice.AdvisorContext;
import io.agenthub.supervisor.advice.PlanAdvice;
import io.agenthub.supervisor.advice.SupervisionAdvice;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One request in, its answer and its audit record out: turns an {@code AdvisorRequest} into the advisor's context,
 * asks the advisor, and builds the {@code StrategyPlan} or {@code RiskAdjustment} and the {@code DecisionRecord}. Event
 * ids derive from the request's, so a redelivered request yields the same events (consumers de-duplicate them).
 */
public final class AdviceHandler {

    /** What to publish for one request: the answer (plan or adjustment) and the decision record. */
    public record Answer(SpecificRecord reply, DecisionRecord decision) {
    }

    private final FallbackAdvisor advisor;
    private final Clock clock;

    public AdviceHandler(FallbackAdvisor advisor, Clock clock) {
        this.advisor = advisor;
        this.clock = clock;
    }

    public Answer handle(AdvisorRequest request) {
        AdvisorContext context = context(request);
        long started = System.nanoTime();
        String decisionId = derivedId("decision", request.getEventId());
        Instant now = clock.instant();
        SpecificRecord reply;
        String decision;
        String reasoning;
        String evidence = null;
        Decided<?> decided;
        if (request.getKind() == AdvisorKind.PLANNING) {
            Decided<PlanAdvice> planned = advisor.plan(context, request.getOwnerId(), request.getEventTime());
            decided = planned;
            PlanAdvice plan = planned.advice();
            Map<String, BigDecimal> params = new LinkedHashMap<>();
            plan.params().forEach((name, value) -> params.put(name, Decimals.toWire(BigDecimal.valueOf(value))));
            reply = StrategyPlan.newBuilder()
                    .setEventId(derivedId("plan", request.getEventId())).setEventTime(now).setCausationId(request.getEventId())
                    .setAgentId(request.getAgentId()).setRequestSequence(request.getSequence())
                    .setStrategyName(plan.strategyName()).setLookback(plan.lookback())
                    .setThreshold(Decimals.toWire(plan.threshold())).setMaxLossPct(Decimals.toWire(plan.maxLossPct()))
                    .setParams(params).setReasoning(plan.reasoning()).setProvider(planned.provider()).setModel(planned.model())
                    .setFallback(planned.fallback()).setFallbackReason(planned.fallbackReason()).setDecisionId(decisionId)
                    .build();
            decision = "plan " + plan.strategyName() + " lookback " + plan.lookback() + " threshold " + plan.threshold().toPlainString()
                    + " max_loss_pct " + plan.maxLossPct().toPlainString();
            reasoning = plan.reasoning();
            evidence = plan.evidence();
        } else {
            Decided<SupervisionAdvice> supervised = advisor.supervise(context, request.getOwnerId(), request.getEventTime());
            decided = supervised;
            SupervisionAdvice advice = supervised.advice();
            reply = RiskAdjustment.newBuilder()
                    .setEventId(derivedId("adjustment", request.getEventId())).setEventTime(now).setCausationId(request.getEventId())
                    .setAgentId(request.getAgentId()).setRequestSequence(request.getSequence()).setPositionId(null)
                    .setAction(SupervisorAction.valueOf(advice.action().name()))
                    .setStopLoss(Decimals.toWire(advice.stopLoss())).setTakeProfit(Decimals.toWire(advice.takeProfit()))
                    .setReasoning(advice.reasoning()).setProvider(supervised.provider()).setModel(supervised.model())
                    .setFallback(supervised.fallback()).setFallbackReason(supervised.fallbackReason()).setDecisionId(decisionId)
                    .build();
            decision = advice.action().name().toLowerCase(java.util.Locale.ROOT)
                    + (advice.stopLoss() == null ? "" : " stop " + advice.stopLoss().toPlainString())
                    + (advice.takeProfit() == null ? "" : " take-profit " + advice.takeProfit().toPlainString());
            reasoning = advice.reasoning();
        }
        DecisionRecord record = DecisionRecord.newBuilder()
                .setEventId(decisionId).setEventTime(now).setCausationId(request.getEventId()).setAgentId(request.getAgentId())
                .setKind(request.getKind()).setProvider(decided.provider()).setModel(decided.model())
                .setPromptDigest("sha256:" + sha256(request.toString())).setEvidence(evidence).setReply(decided.reply())
                .setReasoning(reasoning).setDecision(decision).setValidationNotes(decided.validationNotes())
                .setLatencyMs(Duration.ofNanos(System.nanoTime() - started).toMillis())
                .setInputTokens(decided.inputTokens()).setOutputTokens(decided.outputTokens())
                .setFallback(decided.fallback()).setFallbackReason(decided.fallbackReason())
                .build();
        return new Answer(reply, record);
    }

    static AdvisorContext context(AdvisorRequest request) {
        Symbol symbol = Symbol.parse(request.getSymbol());
        Timeframe timeframe = Timeframe.ofSeconds(request.getIntervalSeconds());
        List<Bar> bars = new ArrayList<>(request.getRecentBars().size());
        for (ContextBar bar : request.getRecentBars()) {
            bars.add(new Bar(symbol, timeframe, bar.getOpenTime(), Decimals.fromWire(bar.getOpen()), Decimals.fromWire(bar.getHigh()),
                    Decimals.fromWire(bar.getLow()), Decimals.fromWire(bar.getClose()), Decimals.fromWire(bar.getVolume())));
        }
        Map<String, BigDecimal> indicators = new LinkedHashMap<>();
        request.getIndicators().forEach((name, value) -> indicators.put(name, Decimals.fromWire(value)));
        AdvisorContext.CurrentPlan plan = request.getCurrentPlan() == null ? null : new AdvisorContext.CurrentPlan(
                request.getCurrentPlan().getStrategyName(), request.getCurrentPlan().getLookback(),
                Decimals.fromWire(request.getCurrentPlan().getThreshold()), Decimals.fromWire(request.getCurrentPlan().getMaxLossPct()));
        AdvisorContext.OpenPosition position = request.getPosition() == null ? null : new AdvisorContext.OpenPosition(
                PositionSide.valueOf(request.getPosition().getSide().name()), Decimals.fromWire(request.getPosition().getQuantity()),
                Decimals.fromWire(request.getPosition().getEntryPrice()), Decimals.fromWire(request.getPosition().getStopLoss()),
                Decimals.fromWire(request.getPosition().getTakeProfit()), Decimals.fromWire(request.getPosition().getUnrealizedPnl()));
        AdvisorContext.Bounds bounds = new AdvisorContext.Bounds(Decimals.fromWire(request.getBounds().getStopLossPct()),
                Decimals.fromWire(request.getBounds().getTakeProfitPct()), Decimals.fromWire(request.getBounds().getMaxLossPct()),
                request.getBounds().getLeverage(), request.getBounds().getAllowShort());
        return new AdvisorContext(request.getAgentId(), symbol.toString(), request.getIntervalSeconds(), bars,
                Decimals.fromWire(request.getLastPrice()), indicators, plan, position, bounds);
    }

    static String derivedId(String what, String requestEventId) {
        return UUID.nameUUIDFromBytes((what + ":" + requestEventId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The SHA-256 of {@code text}, hex: the prompt digest on the audit record, and how key material is named in memory. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
