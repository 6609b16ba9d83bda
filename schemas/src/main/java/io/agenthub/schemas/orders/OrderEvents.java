package io.agenthub.schemas.orders;

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
                intent.getEventTime().toEpochMilli(), Decimals.fromWire(intent.getReferencePrice()), intent.getReduceOnly(), intent.getReason());
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
