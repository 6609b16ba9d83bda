package io.agenthub.processor.wire;

import io.agenthub.core.agent.AdviceRequest;
import io.agenthub.core.agent.Plan;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.trading.Position;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.ContextBar;
import io.agenthub.schemas.events.PlanSnapshot;
import io.agenthub.schemas.events.PositionSnapshot;
import io.agenthub.schemas.events.RiskBounds;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's {@code AdvisorRequest} on the wire: the market context (recent bars, ATR, ADX, volatility, trend, range),
 * the plan in force, the open position and the agent's own risk bounds, which the supervisor may never exceed.
 */
final class AdvisorRequests {

    private AdvisorRequests() {
    }

    /** The kernel's request, as the planner and supervisor read it. */
    static AdvisorRequest of(AdviceRequest request) {
        BarSeries recent = request.recent();
        List<ContextBar> context = new ArrayList<>(recent.size());
        for (int i = 0; i < recent.size(); i++) {
            context.add(ContextBar.newBuilder()
                    .setOpenTime(Instant.ofEpochMilli(recent.openTime(i)))
                    .setOpen(wire(recent.open(i)))
                    .setHigh(wire(recent.high(i)))
                    .setLow(wire(recent.low(i)))
                    .setClose(wire(recent.close(i)))
                    .setVolume(wire(recent.volume(i)))
                    .build());
        }
        Map<String, BigDecimal> indicators = new LinkedHashMap<>();
        request.indicators().forEach((name, value) -> indicators.put(name, wire(value)));
        Position position = request.position();
        PositionSnapshot snapshot = null;
        double last = request.lastPrice();
        if (!position.isFlat()) {
            BigDecimal mark = Double.isNaN(last) ? position.averagePrice() : BigDecimal.valueOf(last);
            snapshot = PositionSnapshot.newBuilder()
                    .setSide(io.agenthub.schemas.events.PositionSide.valueOf(position.side().name()))
                    .setQuantity(Decimals.toWire(position.quantity()))
                    .setEntryPrice(Decimals.toWire(position.averagePrice()))
                    .setStopLoss(Decimals.toWire(request.levels().stopLoss()))
                    .setTakeProfit(Decimals.toWire(request.levels().takeProfit()))
                    .setUnrealizedPnl(Decimals.toWire(position.unrealizedPnl(mark)))
                    .setOpenedAt(Instant.ofEpochMilli(position.openedAt()))
                    .build();
        }
        RiskSettings risk = request.settings().risk();
        Plan plan = request.plan();
        return AdvisorRequest.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Instant.ofEpochMilli(request.time()))
                .setCausationId(null)
                .setAgentId(request.agentId().value())
                .setOwnerId(request.ownerId())
                .setKind(AdvisorKind.valueOf(request.kind().name()))
                .setSequence(request.sequence())
                .setSymbol(request.settings().instrument().symbol().toString())
                .setIntervalSeconds(request.settings().intervalSeconds())
                .setRecentBars(context)
                .setLastPrice(Double.isNaN(last) ? Decimals.toWire(BigDecimal.ZERO) : wire(last))
                .setIndicators(indicators)
                .setCurrentPlan(PlanSnapshot.newBuilder()
                        .setStrategyName(plan.strategyName())
                        .setLookback(plan.parameters().bars("lookback"))
                        .setThreshold(wire(plan.threshold()))
                        .setMaxLossPct(Decimals.toWire(plan.maxLossPct() == null ? risk.maxLossPct() : plan.maxLossPct()))
                        .build())
                .setPosition(snapshot)
                .setBounds(RiskBounds.newBuilder()
                        .setStopLossPct(Decimals.toWire(risk.stopLossPct()))
                        .setTakeProfitPct(Decimals.toWire(risk.takeProfitPct()))
                        .setMaxLossPct(Decimals.toWire(risk.maxLossPct()))
                        .setLeverage(risk.leverage())
                        .setAllowShort(risk.allowShort())
                        .build())
                .build();
    }

    private static BigDecimal wire(double value) {
        return Decimals.toWire(BigDecimal.valueOf(value));
    }
}
