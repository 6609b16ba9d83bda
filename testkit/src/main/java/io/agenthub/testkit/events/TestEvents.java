package io.agenthub.testkit.events;

import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.venue.FillModel;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.MarketWatermark;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.Tick;
import io.agenthub.schemas.events.TickKind;
import io.agenthub.schemas.orders.OrderEvents;

import java.math.BigDecimal;
import java.time.Instant;

/** The events other services put on the processor's input topics, built as they build them. */
public final class TestEvents {

    private TestEvents() {
    }

    public static AgentConfig.Builder config(String agentId, String strategy) {
        return AgentConfigs.paper(agentId, strategy);
    }

    public static Tick tick(MarketTick tick) {
        return Tick.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(tick.time())
                .setSymbol(tick.symbol().toString())
                .setSource("test")
                .setTradeId(tick.tradeId())
                .setPrice(Decimals.toWire(tick.price()))
                .setSize(Decimals.toWire(tick.size()))
                .setBid(null)
                .setAsk(null)
                .setTakerSide(null)
                .setReceivedTime(tick.time())
                .setKind(TickKind.valueOf(tick.kind().name()))
                .build();
    }

    public static MarketWatermark watermark(Symbol symbol, Instant time) {
        return MarketWatermark.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(time)
                .setSymbol(symbol.toString())
                .setSource("test")
                .setWatermark(time)
                .build();
    }

    /** The paper venue's fill of an intent as a market order at {@code marketPrice}: its fill model, slippage and fee. */
    public static ExecutionReport filled(OrderIntent intent, BigDecimal marketPrice, ExecutionCosts costs, Instant time) {
        Fill fill = FillModel.marketFill(OrderEvents.order(intent), Decimals.fromWire(marketPrice), costs, 2, time.toEpochMilli());
        return OrderEvents.filled(intent, fill, "paper", "paper-" + intent.getClientOrderId(), null);
    }

    /** The venue refuses an intent. */
    public static ExecutionReport rejected(OrderIntent intent, String code, String reason) {
        return OrderEvents.rejected(intent, "paper", code, reason, intent.getEventTime());
    }
}
