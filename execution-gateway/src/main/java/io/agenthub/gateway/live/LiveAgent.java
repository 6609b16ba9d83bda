package io.agenthub.gateway.live;

import io.agenthub.core.ids.UserId;
import io.agenthub.core.ids.AgentId;
import io.agenthub.core.broker.Venues;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.DesiredState;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * A live agent as the gateway sees it: whose it is and where it trades (from {@code agents.config}), and, kept in the
 * journal, the position its reported fills add up to (what reconciliation compares with the venue's) and whether the
 * gateway halted it. A halt holds until its owner starts the agent again (a new configuration revision to run).
 */
public final class LiveAgent {

    /** 4: with the venue; 1-3 (before venues were named: HashKey) still read. */
    private static final int FORMAT = 4;

    final String agentId;
    String ownerId;
    /** The live venue it trades on, by name ({@link Venues}). */
    String venue = Venues.HASHKEY;
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
    /** The venue-side stop order at the stop-loss guarding its perpetual position. */
    final Guard stop = new Guard("stop-loss");
    /** The venue-side stop order at the take-profit guarding the same position. */
    final Guard target = new Guard("take-profit");
    /**
     * The leg the next protective order of the position takes ({@code <agent>-<entry decision>-<leg>}), from 1; the
     * stop-loss and the take-profit draw from the same legs.
     */
    int nextGuardLeg = 1;
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

    /** The live venue it trades on, by name. */
    public String venue() {
        return venue;
    }

    /** The agent's id, typed (the journal and the wire carry its text). */
    public AgentId id() {
        return AgentId.of(agentId);
    }

    /** Its owner, when its configuration names a user (a test's or a replay's agent may name none). */
    public UserId owner() {
        return UserId.parse(ownerId).orElse(null);
    }

    /** Perpetual when it may short or uses leverage; decided by its configuration until it has traded. */
    public boolean tradesPerpetual() {
        return perpetual != null ? perpetual : leverage > 1 || allowShort;
    }

    /**
     * Takes the agent's configuration (a revision older than the last one taken is ignored).
     *
     * @return the halt that its owner's start lifted (the agent is reconciled again before it trades), or null
     */
    String configure(AgentConfig config) {
        if (config.getRevision() < revision) {
            return null;
        }
        revision = config.getRevision();
        ownerId = config.getOwnerId();
        try {
            symbol = Symbol.parse(config.getSymbol());
        } catch (IllegalArgumentException e) {
            symbol = null;
        }
        leverage = config.getRisk().getLeverage();
        allowShort = config.getRisk().getAllowShort();
        venue = Venues.of(config.getVenue(), config.getLiveMode());
        running = Venues.isLive(venue) && config.getDesiredState() == DesiredState.RUNNING;
        if (halted == null || !running || revision <= haltedAt) {
            return null;
        }
        String lifted = halted;
        halted = null;
        reconciled = false;
        return lifted;
    }

    /** Whether a client order id is of this agent's own {@code <agent>-<sequence>-<leg>} form. */
    boolean owns(ClientOrderId id) {
        String value = id.value();
        return value.startsWith(agentId + "-") && value.substring(agentId.length() + 1).matches("\\d+-\\d+");
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
        out.writeUTF(stop.id == null ? "" : stop.id);
        writeDecimal(out, stop.price);
        out.writeInt(nextGuardLeg);
        out.writeLong(positionSequence);
        writeDecimal(out, stop.quantity);
        out.writeUTF(target.id == null ? "" : target.id);
        writeDecimal(out, target.price);
        writeDecimal(out, target.quantity);
        out.writeUTF(venue);
    }

    static LiveAgent read(DataInput in) throws IOException {
        int format = in.readByte();
        if (format < 1 || format > FORMAT) {
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
            agent.stop.id = stop.isEmpty() ? null : stop;
            agent.stop.price = readDecimal(in);
            agent.nextGuardLeg = in.readInt();
            agent.positionSequence = in.readLong();
        }
        if (format >= 3) {
            agent.stop.quantity = readDecimal(in);
            String target = in.readUTF();
            agent.target.id = target.isEmpty() ? null : target;
            agent.target.price = readDecimal(in);
            agent.target.quantity = readDecimal(in);
        }
        agent.venue = format >= 4 ? in.readUTF() : Venues.HASHKEY;
        return agent;
    }

    private static void writeDecimal(DataOutput out, BigDecimal value) throws IOException {
        out.writeUTF(value == null ? "" : value.toPlainString());
    }

    private static BigDecimal readDecimal(DataInput in) throws IOException {
        String text = in.readUTF();
        return text.isEmpty() ? null : new BigDecimal(text);
    }

    /** A protective order resting at the venue for the agent's position: its client id, trigger price and quantity. */
    static final class Guard {
        final String name;
        String id;
        BigDecimal price;
        BigDecimal quantity;

        Guard(String name) {
            this.name = name;
        }

        boolean isSet() {
            return id != null;
        }

        /** Whether it already rests at {@code price} for {@code quantity}. */
        boolean holds(BigDecimal price, BigDecimal quantity) {
            return id != null && this.price.compareTo(price) == 0 && (this.quantity == null || this.quantity.compareTo(quantity) == 0);
        }

        void set(String id, BigDecimal price, BigDecimal quantity) {
            this.id = id;
            this.price = price;
            this.quantity = quantity;
        }

        void clear() {
            set(null, null, null);
        }
    }
}
