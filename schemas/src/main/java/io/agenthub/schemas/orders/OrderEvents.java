package io.agenthub.schemas.orders;

import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.broker.TimeInForce;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.OrderPurpose;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.Side;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.Liquidity;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.OrderSide;

import java.math.BigDecimal;
import java.time.Instant;

/** Orders between the wire and the domain: an intent as the order it asks for, and a venue's answers to it. */
public final class OrderEvents {

    private OrderEvents() {
    }

    /** The market order an intent asks for. */
    public static OrderRequest order(OrderIntent intent) {
        return new OrderRequest(new ClientOrderId(intent.getClientOrderId()), intent.getDecisionSequence(),
                Side.valueOf(intent.getSide().name()), Decimals.fromWire(intent.getQuantity()), OrderPurpose.valueOf(intent.getPurpose().name()),
                intent.getEventTime().toEpochMilli(), Decimals.fromWire(intent.getReferencePrice()), intent.getReduceOnly(), intent.getReason(),
                Decimals.fromWire(intent.getTriggerPrice()));
    }

    /** The order an intent asks a venue for, carrying the intent's event id as its cause. */
    public static OrderCommand command(OrderIntent intent) {
        return new OrderCommand(new ClientOrderId(intent.getClientOrderId()), Symbol.parse(intent.getSymbol()), Side.valueOf(intent.getSide().name()),
                OrderType.valueOf(intent.getType().name()), Decimals.fromWire(intent.getQuantity()), Decimals.fromWire(intent.getLimitPrice()),
                Decimals.fromWire(intent.getStopPrice()), TimeInForce.valueOf(intent.getTimeInForce().name()), intent.getReduceOnly(),
                Math.max(1, intent.getLeverage()), intent.getEventTime().toEpochMilli(), Decimals.fromWire(intent.getReferencePrice()),
                intent.getEventId(), OrderCommand.Trigger.of(OrderPurpose.valueOf(intent.getPurpose().name()),
                Decimals.fromWire(intent.getTriggerPrice())));
    }

    /**
     * A venue's report of an order as it now stands for {@code agentId}: acknowledged, (partially) filled by
     * {@code execution}, cancelled or rejected.
     *
     * @param causationId the intent's event id
     */
    public static ExecutionReport report(String agentId, String venue, VenueOrder order, Execution execution, String causationId,
                                         String eventId) {
        boolean refused = order.status() == io.agenthub.core.broker.OrderStatus.REJECTED
                || order.status() == io.agenthub.core.broker.OrderStatus.CANCELLED;
        ExecutionReport.Builder report = ExecutionReport.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(execution != null ? execution.fill().time() : order.updatedAt()))
                .setCausationId(causationId)
                .setAgentId(agentId)
                .setClientOrderId(order.clientOrderId().value())
                .setVenueOrderId(order.venueOrderId())
                .setVenue(venue)
                .setSymbol(order.symbol().toString())
                .setSide(OrderSide.valueOf(order.side().name()))
                .setStatus(status(order.status()))
                .setOrderQuantity(Decimals.toWire(order.quantity()))
                .setCumulativeQuantity(Decimals.toWire(order.filled()))
                .setAveragePrice(Decimals.toWire(order.averagePrice()))
                .setRejectCode(refused ? order.rejectCode() : null)
                .setRejectReason(refused || order.reason() != null ? order.reason() : null);
        if (execution != null) {
            report.setLastQuantity(Decimals.toWire(execution.fill().quantity()))
                    .setLastPrice(Decimals.toWire(execution.fill().price()))
                    .setFee(Decimals.toWire(execution.fill().fee()))
                    .setFeeAsset(execution.feeAsset())
                    .setLiquidity(Liquidity.valueOf(execution.fill().liquidity().name()))
                    .setTradeId(execution.tradeId());
        }
        return report.build();
    }

    private static ExecutionStatus status(io.agenthub.core.broker.OrderStatus status) {
        return switch (status) {
            case NEW -> ExecutionStatus.ACKNOWLEDGED;
            case PARTIALLY_FILLED -> ExecutionStatus.PARTIALLY_FILLED;
            case FILLED -> ExecutionStatus.FILLED;
            case CANCELLED -> ExecutionStatus.CANCELLED;
            case REJECTED -> ExecutionStatus.REJECTED;
        };
    }

    /** A venue's report that an intent filled completely with {@code fill}. */
    public static ExecutionReport filled(OrderIntent intent, Fill fill, String venue, String venueOrderId, String tradeId) {
        return ExecutionReport.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Instant.ofEpochMilli(fill.time()))
                .setCausationId(intent.getEventId())
                .setAgentId(intent.getAgentId())
                .setClientOrderId(intent.getClientOrderId())
                .setVenueOrderId(venueOrderId)
                .setVenue(venue)
                .setSymbol(intent.getSymbol())
                .setSide(intent.getSide())
                .setStatus(ExecutionStatus.FILLED)
                .setOrderQuantity(intent.getQuantity())
                .setLastQuantity(Decimals.toWire(fill.quantity()))
                .setLastPrice(Decimals.toWire(fill.price()))
                .setCumulativeQuantity(Decimals.toWire(fill.quantity()))
                .setAveragePrice(Decimals.toWire(fill.price()))
                .setFee(Decimals.toWire(fill.fee()))
                .setFeeAsset(intent.getSymbol().substring(intent.getSymbol().indexOf('/') + 1))
                .setLiquidity(Liquidity.valueOf(fill.liquidity().name()))
                .setTradeId(tradeId)
                .setRejectCode(null)
                .setRejectReason(null)
                .build();
    }

    /** A venue's refusal of an intent. */
    public static ExecutionReport rejected(OrderIntent intent, String venue, String code, String reason, Instant time) {
        return ExecutionReport.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(time)
                .setCausationId(intent.getEventId())
                .setAgentId(intent.getAgentId())
                .setClientOrderId(intent.getClientOrderId())
                .setVenueOrderId(null)
                .setVenue(venue)
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
