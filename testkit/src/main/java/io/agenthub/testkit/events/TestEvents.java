package io.agenthub.testkit.events;

import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.OrderPurpose;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.Side;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.Liquidity;
import io.agenthub.schemas.events.MarketWatermark;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.Tick;

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

    /** The paper venue's fill of an intent at {@code marketPrice}: the backtest's own fill model, slippage and fee. */
    public static ExecutionReport filled(OrderIntent intent, BigDecimal marketPrice, ExecutionCosts costs, Instant time) {
        OrderRequest order = new OrderRequest(new ClientOrderId(intent.getClientOrderId()), intent.getDecisionSequence(),
                Side.valueOf(intent.getSide().name()), Decimals.fromWire(intent.getQuantity()), OrderPurpose.valueOf(intent.getPurpose().name()),
                intent.getEventTime().toEpochMilli(), Decimals.fromWire(intent.getReferencePrice()), intent.getReduceOnly(), intent.getReason());
        Fill fill = costs.marketFill(order, Decimals.fromWire(marketPrice), 2, time.toEpochMilli());
        return ExecutionReport.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(time)
                .setCausationId(intent.getEventId())
                .setAgentId(intent.getAgentId())
                .setClientOrderId(intent.getClientOrderId())
                .setVenueOrderId("paper-" + intent.getClientOrderId())
                .setVenue("paper")
                .setSymbol(intent.getSymbol())
                .setSide(intent.getSide())
                .setStatus(ExecutionStatus.FILLED)
                .setOrderQuantity(intent.getQuantity())
                .setLastQuantity(Decimals.toWire(fill.quantity()))
                .setLastPrice(Decimals.toWire(fill.price()))
                .setCumulativeQuantity(intent.getQuantity())
                .setAveragePrice(Decimals.toWire(fill.price()))
                .setFee(Decimals.toWire(fill.fee()))
                .setFeeAsset("USDT")
                .setLiquidity(Liquidity.TAKER)
                .setTradeId(null)
                .setRejectCode(null)
                .setRejectReason(null)
                .build();
    }

    /** The venue refuses an intent. */
    public static ExecutionReport rejected(OrderIntent intent, String code, String reason) {
        return ExecutionReport.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(intent.getEventTime())
                .setCausationId(intent.getEventId())
                .setAgentId(intent.getAgentId())
                .setClientOrderId(intent.getClientOrderId())
                .setVenueOrderId(null)
                .setVenue("paper")
                .setSymbol(intent.getSymbol())
                .setSide(intent.getSide())
                .setStatus(ExecutionStatus.REJECTED)
                .setOrderQuantity(intent.getQuantity())
                .setCumulativeQuantity(Decimals.toWire(BigDecimal.ZERO))
                .setRejectCode(code)
                .setRejectReason(reason)
                .build();
    }
}
