package io.agenthub.gateway.live;

import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.OrderSide;
import io.agenthub.schemas.orders.OrderEvents;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The live executor's execution reports. Event ids are derived from the order and the report's number, so that a
 * report written again after a crash (in a transaction that did not commit the first time) is the same event.
 */
final class LiveReports {

    static final String VENUE = "hashkey";

    private LiveReports() {
    }

    static String eventId(LiveOrder order) {
        order.reports++;
        return UUID.nameUUIDFromBytes((order.clientOrderId.value() + "|" + order.reports).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The order as the venue now has it, with the fill that changed it (or none). */
    static ExecutionReport of(LiveOrder order, String venue, VenueOrder venueOrder, Execution execution, OrderStatus status) {
        VenueOrder shown = status == venueOrder.status() ? venueOrder : new VenueOrder(venueOrder.clientOrderId(), venueOrder.venueOrderId(),
                venueOrder.symbol(), venueOrder.side(), venueOrder.type(), venueOrder.quantity(), venueOrder.limitPrice(), venueOrder.stopPrice(),
                status, venueOrder.filled(), venueOrder.averagePrice(), venueOrder.rejectCode(), venueOrder.reason(), venueOrder.updatedAt(),
                venueOrder.causationId());
        ExecutionReport report = OrderEvents.report(order.agentId, venue, shown, execution, order.intentEventId, eventId(order));
        // what was booked, not what the venue counts: a spot fee taken in the base asset is not the agent's to sell
        report.setCumulativeQuantity(Decimals.toWire(order.booked));
        report.setOrderQuantity(Decimals.toWire(order.quantity));
        order.lastReported = report.getStatus();
        return report;
    }

    /** The order refused or given up, never having reached the venue as far as the gateway knows. */
    static ExecutionReport rejected(LiveOrder order, String venue, String code, String reason, boolean halt, long time) {
        order.lastReported = ExecutionStatus.REJECTED;
        return refusal(eventId(order), order.agentId, order.clientOrderId.value(), order.intentEventId, order.venueOrderId, venue,
                order.symbol.toString(), OrderSide.valueOf(order.side.name()), order.quantity, order.booked, code, reason, halt, time);
    }

    /** An account-level report: the agent cannot trade at the venue until a person acts. */
    static ExecutionReport halt(LiveAgent agent, String venue, String code, String reason, long time, int sequence) {
        String id = agent.agentId + "-account";
        String eventId = UUID.nameUUIDFromBytes((id + "|halt|" + agent.revision + "|" + sequence + "|" + reason).getBytes(StandardCharsets.UTF_8))
                .toString();
        return refusal(eventId, agent.agentId, id, null, null, venue, agent.symbol == null ? "" : agent.symbol.toString(), OrderSide.BUY,
                BigDecimal.ZERO, BigDecimal.ZERO, code, reason, true, time);
    }

    private static ExecutionReport refusal(String eventId, String agentId, String clientOrderId, String causationId, String venueOrderId,
                                           String venue, String symbol, OrderSide side, BigDecimal quantity, BigDecimal booked, String code,
                                           String reason, boolean halt, long time) {
        return ExecutionReport.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setCausationId(causationId)
                .setAgentId(agentId)
                .setClientOrderId(clientOrderId)
                .setVenueOrderId(venueOrderId)
                .setVenue(venue)
                .setSymbol(symbol)
                .setSide(side)
                .setStatus(ExecutionStatus.REJECTED)
                .setOrderQuantity(Decimals.toWire(quantity))
                .setCumulativeQuantity(Decimals.toWire(booked))
                .setRejectCode(code)
                .setRejectReason(reason)
                .setHalt(halt)
                .build();
    }
}
