package io.agenthub.gateway.live;

import io.agenthub.core.market.Symbol;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A live agent as the gateway sees it: whose it is and where it trades (from {@code agents.config}), and, kept in the
 * journal, the position its reported fills add up to (what reconciliation compares with the venue's) and whether the
 * gateway halted it. A halt holds until its owner starts the agent again (a new configuration revision to run).
 */
public final class LiveAgent {

    private static final int FORMAT = 2;

    final String agentId;
    String ownerId;
    Symbol symbol;
    int leverage = 1;
    boolean allowShort;
    boolean running;
    long revision;
    /** Whether it trades the perpetual (leverage or shorts) rather than spot; fixed once it has traded. */
    Boolean perpetual;
    /** Signed base quantity its reported fills hold. */
    BigDecimal position = BigDecimal.ZERO;
    /** Why the gateway halted it, or null. */
    String halted;
    /** The configuration revision it was halted at: a later revision to run lifts the halt. */
    long haltedAt;
    /** The venue-side stop-loss guarding its perpetual position: the stop order's client id and price, or null. */
    String stopId;
    java.math.BigDecimal stopPrice;
    /** The leg the next protective stop of the position takes ({@code <agent>-<entry decision>-<leg>}), from 1. */
    int nextStopLeg = 1;
    /** The decision sequence of the entry that opened the position the stop guards. */
    long positionSequence;
    /** Whether it was reconciled with the venue since the gateway started (or since its last halt was lifted). */
    transient boolean reconciled;

    LiveAgent(String agentId) {
        this.agentId = agentId;
    }

    public String agentId() {
        return agentId;
    }

    public Symbol symbol() {
        return symbol;
    }

    public UUID owner() {
        try {
            return ownerId == null ? null : UUID.fromString(ownerId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Perpetual when it may short or uses leverage; decided by its configuration until it has traded. */
    public boolean tradesPerpetual() {
        return perpetual != null ? perpetual : leverage > 1 || allowShort;
    }

    void write(DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        out.writeUTF(agentId);
        out.writeUTF(ownerId == null ? "" : ownerId);
        out.writeBoolean(symbol != null);
        if (symbol != null) {
            out.writeUTF(symbol.base());
            out.writeUTF(symbol.quote());
        }
        out.writeByte(perpetual == null ? -1 : perpetual ? 1 : 0);
        out.writeUTF(position.toPlainString());
        out.writeUTF(halted == null ? "" : halted);
        out.writeLong(haltedAt);
        out.writeUTF(stopId == null ? "" : stopId);
        out.writeUTF(stopPrice == null ? "" : stopPrice.toPlainString());
        out.writeInt(nextStopLeg);
        out.writeLong(positionSequence);
    }

    static LiveAgent read(DataInput in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT && format != 1) {
            throw new IOException("unknown live agent format " + format);
        }
        LiveAgent agent = new LiveAgent(in.readUTF());
        String owner = in.readUTF();
        agent.ownerId = owner.isEmpty() ? null : owner;
        if (in.readBoolean()) {
            agent.symbol = new Symbol(in.readUTF(), in.readUTF());
        }
        int perpetual = in.readByte();
        agent.perpetual = perpetual < 0 ? null : perpetual == 1;
        agent.position = new BigDecimal(in.readUTF());
        String halted = in.readUTF();
        agent.halted = halted.isEmpty() ? null : halted;
        agent.haltedAt = in.readLong();
        if (format >= 2) {
            String stop = in.readUTF();
            agent.stopId = stop.isEmpty() ? null : stop;
            String price = in.readUTF();
            agent.stopPrice = price.isEmpty() ? null : new BigDecimal(price);
            agent.nextStopLeg = in.readInt();
            agent.positionSequence = in.readLong();
        }
        return agent;
    }
}
