package io.agenthub.processor.wire;

import io.agenthub.core.agent.AdviceRequest;
import io.agenthub.core.agent.KernelOutputs;
import io.agenthub.core.agent.Lifecycle;
import io.agenthub.core.broker.Venues;
import io.agenthub.core.trading.AgentLog;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.PositionUpdate;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.LogLevel;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.OrderPurpose;
import io.agenthub.schemas.events.OrderSide;
import io.agenthub.schemas.events.OrderType;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.PositionEventKind;
import io.agenthub.schemas.events.PositionSide;
import io.agenthub.schemas.events.TimeInForce;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a hosted agent's outputs go while one input record is processed: the step function's orders, position
 * updates and log lines become wire events, stamped with the agent's identity and the id of the input that caused them.
 * The task processor forwards {@link #drain() what was emitted} once the record is done.
 */
public final class Emitter implements KernelOutputs {

    private final List<SpecificRecord> events = new ArrayList<>();
    /** Names this processor instance on the agents' status. */
    private final String instanceId;
    private String agentId;
    private String ownerId;
    private String symbol;
    private boolean liveMode;
    private String venue;
    private int leverage;
    private String causationId;
    /** The review the next {@code MARKED} position event carries to the supervisor, or null. */
    private AdvisorRequest review;

    public Emitter(String instanceId) {
        this.instanceId = instanceId;
    }

    /** Sets who is speaking and why, for the events of the input record now being processed. */
    public void speakFor(String agentId, String ownerId, String symbol, String venue, int leverage, String causationId) {
        this.agentId = agentId;
        this.ownerId = ownerId;
        this.symbol = symbol;
        this.venue = venue;
        this.liveMode = Venues.isLive(venue);
        this.leverage = leverage;
        this.causationId = causationId;
    }

    public void emit(SpecificRecord event) {
        events.add(event);
    }

    /** The next position mark asks the supervisor to review the position on this context ({@code positions.events}). */
    @Override
    public void reviewWithNextMark(AdviceRequest request) {
        this.review = request == null ? null : AdvisorRequests.of(request);
    }

    /** A planning request, on {@code advisor.requests}. */
    @Override
    public void plan(AdviceRequest request) {
        events.add(AdvisorRequests.of(request));
    }

    @Override
    public void status(Lifecycle state, String reason, long revision, long time) {
        events.add(AgentStatus.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Instant.ofEpochMilli(time))
                .setCausationId(causationId)
                .setAgentId(agentId)
                .setStatus(AgentState.valueOf(state.name()))
                .setReason(reason)
                .setConfigRevision(revision)
                .setReporter("agent-processor")
                .setInstanceId(instanceId)
                .build());
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /**
     * Whether what was emitted says the agent's stored state changed: anything but an interval's {@code tick} line and
     * position mark, which change nothing the agent stores (an order, a halt, a request all do).
     */
    public boolean changesState() {
        for (int i = 0; i < events.size(); i++) {
            SpecificRecord event = events.get(i);
            boolean beat = event instanceof AgentLogEntry log && log.getLevel() == LogLevel.TICK
                    || event instanceof PositionEvent position && position.getKind() == PositionEventKind.MARKED && position.getReview() == null;
            if (!beat) {
                return true;
            }
        }
        return false;
    }

    /** What was emitted since the last drain, in order. */
    public List<SpecificRecord> drain() {
        List<SpecificRecord> out = List.copyOf(events);
        events.clear();
        review = null;
        return out;
    }

    public String causationId() {
        return causationId;
    }

    /**
     * Changes the cause of what is emitted from now on (a held market event replayed: the decision on it is caused by it),
     * and returns the cause it replaces.
     */
    public String causedBy(String id) {
        String before = causationId;
        causationId = id;
        return before;
    }

    @Override
    public void order(OrderRequest order) {
        String id = order.clientOrderId().value();
        events.add(OrderIntent.newBuilder()
                // one decision, one id: a reprocessed decision carries the same event id as well as the same client order id
                .setEventId(UUID.nameUUIDFromBytes(("intent|" + id).getBytes(StandardCharsets.UTF_8)).toString())
                .setEventTime(Instant.ofEpochMilli(order.decisionTime()))
                .setCausationId(causationId)
                .setAgentId(agentId)
                .setOwnerId(ownerId)
                .setClientOrderId(id)
                .setDecisionSequence(order.decisionSequence())
                .setLeg(0)
                .setSymbol(symbol)
                .setSide(OrderSide.valueOf(order.side().name()))
                .setType(OrderType.MARKET)
                .setTimeInForce(TimeInForce.GTC)
                .setQuantity(Decimals.toWire(order.quantity()))
                .setLimitPrice(null)
                .setStopPrice(null)
                .setReferencePrice(Decimals.toWire(order.referencePrice()))
                .setReduceOnly(order.reduceOnly())
                .setLeverage(leverage)
                .setLiveMode(liveMode)
                .setVenue(venue)
                .setPurpose(OrderPurpose.valueOf(order.purpose().name()))
                .setReason(order.reason())
                .setTriggerPrice(Decimals.toWire(order.triggerPrice()))
                .build());
    }

    @Override
    public void position(PositionUpdate update) {
        var position = update.position();
        var levels = update.levels();
        AdvisorRequest reviewed = null;
        if (update.kind() == PositionUpdate.Kind.MARKED) {
            reviewed = review;
            review = null;
        }
        events.add(PositionEvent.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Instant.ofEpochMilli(update.time()))
                .setCausationId(causationId)
                .setAgentId(agentId)
                .setPositionId(update.positionId())
                .setSymbol(symbol)
                .setKind(PositionEventKind.valueOf(update.kind().name()))
                .setSide(PositionSide.valueOf(position.side().name()))
                .setQuantity(Decimals.toWire(position.quantity()))
                .setAverageEntryPrice(position.isFlat() ? null : Decimals.toWire(position.averagePrice()))
                .setMarkPrice(Decimals.toWire(update.markPrice()))
                .setRealizedPnl(Decimals.toWire(update.realizedPnl()))
                .setUnrealizedPnl(Decimals.toWire(update.unrealizedPnl() == null ? BigDecimal.ZERO : update.unrealizedPnl()))
                .setFees(Decimals.toWire(update.fees()))
                .setLeverage(leverage)
                .setLiquidationPrice(levels == null ? null : Decimals.toWire(levels.liquidationPrice()))
                .setStopLoss(levels == null ? null : Decimals.toWire(levels.stopLoss()))
                .setTakeProfit(levels == null ? null : Decimals.toWire(levels.takeProfit()))
                .setExitPrice(Decimals.toWire(update.exitPrice()))
                .setCloseReason(update.closeReason())
                .setReview(reviewed)
                .build());
    }

    @Override
    public void log(AgentLog log) {
        log(log.time(), LogLevel.valueOf(log.level().name()), log.message(), log.fields());
    }

    public void log(long time, LogLevel level, String message, Map<String, String> fields) {
        events.add(AgentLogEntry.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Instant.ofEpochMilli(time))
                .setCausationId(causationId)
                .setAgentId(agentId)
                .setLevel(level)
                .setMessage(message)
                .setFields(Map.copyOf(fields))
                .build());
    }
}
