package io.agenthub.testkit.events;

import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.OrderPurpose;
import io.agenthub.schemas.events.OrderSide;
import io.agenthub.schemas.events.OrderType;
import io.agenthub.schemas.events.TimeInForce;

import java.math.BigDecimal;
import java.time.Instant;

/** Order intents as the processor sends them: a market order, reduce-only unless it is an entry. */
public final class OrderIntents {

    private OrderIntents() {
    }

    /** Agent {@code agentId}'s market order of decision {@code sequence} (client order id {@code <agent>-<sequence>-0}). */
    public static OrderIntent.Builder market(String agentId, long sequence, OrderSide side, OrderPurpose purpose, Instant decided, String quantity) {
        return OrderIntent.newBuilder()
                .setEventId("intent-" + agentId + "-" + sequence)
                .setEventTime(decided)
                .setCausationId(null)
                .setAgentId(agentId)
                .setOwnerId("owner-1")
                .setClientOrderId(agentId + "-" + sequence + "-0")
                .setDecisionSequence(sequence)
                .setLeg(0)
                .setSymbol("BTC/USDT")
                .setSide(side)
                .setType(OrderType.MARKET)
                .setTimeInForce(TimeInForce.GTC)
                .setQuantity(Decimals.toWire(new BigDecimal(quantity)))
                .setLimitPrice(null)
                .setStopPrice(null)
                .setReferencePrice(Decimals.toWire(new BigDecimal("100")))
                .setReduceOnly(purpose != OrderPurpose.ENTRY)
                .setLeverage(1)
                .setLiveMode(false)
                .setPurpose(purpose)
                .setReason("test");
    }
}
