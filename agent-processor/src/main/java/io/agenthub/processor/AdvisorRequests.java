package io.agenthub.processor;

import io.agenthub.core.indicators.Adx;
import io.agenthub.core.indicators.RollingStats;
import io.agenthub.core.trading.Position;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.core.trading.TradingAgent;
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

    /** The request of {@code kind} an agent sends now: its recent bars, indicators, plan, open position and bounds. */
    static AdvisorRequest of(String agentId, String ownerId, AdvisorKind kind, long sequence, long time, AgentSettings settings,
                             HostedAgent.Plan plan, TradingAgent trader, Adx adx, RollingStats returns, RecentBars recent) {
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
        putIndicator(indicators, "atr", trader.atr());
        putIndicator(indicators, "adx", adx.adx());
        putIndicator(indicators, "plus_di", adx.plusDi());
        putIndicator(indicators, "minus_di", adx.minusDi());
        putIndicator(indicators, "volatility", returns.count() >= 2 ? returns.stdDev() : Double.NaN);
        putIndicator(indicators, "trend", returns.count() >= 2 ? returns.mean() : Double.NaN);
        if (recent.size() > 0) {
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            for (int i = 0; i < recent.size(); i++) {
                hi = Math.max(hi, recent.high(i));
                lo = Math.min(lo, recent.low(i));
            }
            putIndicator(indicators, "range_pct", (hi - lo) / lo * 100);
        }
        Position position = trader.position();
        PositionSnapshot snapshot = null;
        double last = trader.lastPrice();
        if (!position.isFlat()) {
            BigDecimal mark = Double.isNaN(last) ? position.averagePrice() : BigDecimal.valueOf(last);
            snapshot = PositionSnapshot.newBuilder()
                    .setSide(io.agenthub.schemas.events.PositionSide.valueOf(position.side().name()))
                    .setQuantity(Decimals.toWire(position.quantity()))
                    .setEntryPrice(Decimals.toWire(position.averagePrice()))
                    .setStopLoss(Decimals.toWire(trader.levels().stopLoss()))
                    .setTakeProfit(Decimals.toWire(trader.levels().takeProfit()))
                    .setUnrealizedPnl(Decimals.toWire(position.unrealizedPnl(mark)))
                    .setOpenedAt(Instant.ofEpochMilli(position.openedAt()))
                    .build();
        }
        RiskSettings risk = settings.risk();
        return AdvisorRequest.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Instant.ofEpochMilli(time))
                .setCausationId(null)
                .setAgentId(agentId)
                .setOwnerId(ownerId)
                .setKind(kind)
                .setSequence(sequence)
                .setSymbol(settings.instrument().symbol().toString())
                .setIntervalSeconds(settings.intervalSeconds())
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

    private static void putIndicator(Map<String, BigDecimal> indicators, String name, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            indicators.put(name, wire(value));
        }
    }

    private static BigDecimal wire(double value) {
        return Decimals.toWire(BigDecimal.valueOf(value));
    }
}
