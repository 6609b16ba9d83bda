package io.agenthub.gateway.live;

import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Side;
import io.agenthub.schemas.events.ExecutionStatus;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * What the gateway knows of one live order it was asked to place: written to the journal before the order is sent,
 * and again with every outcome, in the same transaction as the reports it led to. A restarted gateway that finds an
 * order {@link State#SUBMITTING} does not know whether the venue took it, and asks the venue before anything else.
 */
final class LiveOrder {

    enum State {
        /** About to be sent, or sent without an answer recorded: query before anything else. */
        SUBMITTING,
        /** Sent, and the outcome is not known (timeout, 5xx, 429): queried until the venue knows it or the patience ends. */
        UNKNOWN,
        /** At the venue and working. */
        OPEN,
        /** Filled, cancelled or rejected, and reported. */
        DONE,
        /** Never confirmed, and the venue does not have it: reported as rejected, never sent again. */
        LOST
    }

    private static final int FORMAT = 1;

    final ClientOrderId clientOrderId;
    final String agentId;
    final String intentEventId;
    final Symbol symbol;
    final Side side;
    final BigDecimal quantity;
    final boolean reduceOnly;
    final long decisionTime;
    State state = State.SUBMITTING;
    String venueOrderId;
    /** Quantity filled as the venue counts it (the order's cumulative fill), and what the fills booked for the agent. */
    BigDecimal venueFilled = BigDecimal.ZERO;
    BigDecimal booked = BigDecimal.ZERO;
    /** Reports sent for it, for their deterministic event ids. */
    int reports;
    ExecutionStatus lastReported;
    /** Venue time of its last change, or when it was sent. */
    long updatedAt;
    /** When an unknown outcome was first seen, to bound how long it is asked about. */
    long unknownSince;
    /** When to ask the venue about an unknown outcome again (not kept: a restart asks at once). */
    transient long nextCheck;

    LiveOrder(ClientOrderId clientOrderId, String agentId, String intentEventId, Symbol symbol, Side side, BigDecimal quantity,
              boolean reduceOnly, long decisionTime) {
        this.clientOrderId = clientOrderId;
        this.agentId = agentId;
        this.intentEventId = intentEventId;
        this.symbol = symbol;
        this.side = side;
        this.quantity = quantity;
        this.reduceOnly = reduceOnly;
        this.decisionTime = decisionTime;
    }

    static LiveOrder of(String agentId, OrderCommand command) {
        return new LiveOrder(command.clientOrderId(), agentId, command.causationId(), command.symbol(), command.side(), command.quantity(),
                command.reduceOnly(), command.decisionTime());
    }

    boolean isSettled() {
        return state == State.DONE || state == State.LOST;
    }

    void write(DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        out.writeUTF(clientOrderId.value());
        out.writeUTF(agentId);
        out.writeUTF(intentEventId == null ? "" : intentEventId);
        out.writeUTF(symbol.base());
        out.writeUTF(symbol.quote());
        out.writeByte(side.ordinal());
        out.writeUTF(quantity.toPlainString());
        out.writeBoolean(reduceOnly);
        out.writeLong(decisionTime);
        out.writeByte(state.ordinal());
        out.writeUTF(venueOrderId == null ? "" : venueOrderId);
        out.writeUTF(venueFilled.toPlainString());
        out.writeUTF(booked.toPlainString());
        out.writeInt(reports);
        out.writeByte(lastReported == null ? -1 : lastReported.ordinal());
        out.writeLong(updatedAt);
        out.writeLong(unknownSince);
    }

    static LiveOrder read(DataInput in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown live order format " + format);
        }
        ClientOrderId id = new ClientOrderId(in.readUTF());
        String agent = in.readUTF();
        String cause = in.readUTF();
        LiveOrder order = new LiveOrder(id, agent, cause.isEmpty() ? null : cause, new Symbol(in.readUTF(), in.readUTF()),
                Side.values()[in.readByte()], new BigDecimal(in.readUTF()), in.readBoolean(), in.readLong());
        order.state = State.values()[in.readByte()];
        String venueId = in.readUTF();
        order.venueOrderId = venueId.isEmpty() ? null : venueId;
        order.venueFilled = new BigDecimal(in.readUTF());
        order.booked = new BigDecimal(in.readUTF());
        order.reports = in.readInt();
        int reported = in.readByte();
        order.lastReported = reported < 0 ? null : ExecutionStatus.values()[reported];
        order.updatedAt = in.readLong();
        order.unknownSince = in.readLong();
        return order;
    }
}
