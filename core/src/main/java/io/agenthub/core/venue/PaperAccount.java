package io.agenthub.core.venue;

import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.codec.BinaryDecimals;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.Position;
import io.agenthub.core.trading.PositionSide;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One agent's account at the paper venue: its cash in the quote asset, its positions (each with the leverage it was
 * opened at, isolated margin), the margin and fees its open orders hold back, the client order ids it has used, and
 * its latest finished orders and fills (for queries and reconciliation). The {@link PaperVenue} changes it; fills are
 * booked with the domain's exact {@link Position} arithmetic, so cash after a fill is what the agent's own books say.
 */
final class PaperAccount {

    /** A position and the leverage it was opened at. */
    record Held(Position position, int leverage) {
    }

    static final int RECENT = 10;
    private static final int FORMAT = 0x50415032; // "PAP2"

    final String id;
    ExecutionCosts costs;
    BigDecimal cash;
    String asset = "USDT";
    BigDecimal reserved = BigDecimal.ZERO;
    final Map<Symbol, Held> positions = new LinkedHashMap<>();
    /** Open orders, with the symbol whose book holds them. */
    final Map<ClientOrderId, Symbol> open = new LinkedHashMap<>();
    long lastSequence;
    int lastLeg = -1;
    /** Ids used that are not of the agent's own {@code <agent>-<sequence>-<leg>} form. */
    final Set<String> otherIds = new LinkedHashSet<>();
    long liquidations;
    final Deque<VenueOrder> finished = new ArrayDeque<>();
    final Deque<Execution> executions = new ArrayDeque<>();

    PaperAccount(String id, ExecutionCosts costs, BigDecimal initialBalance) {
        this.id = Objects.requireNonNull(id, "id");
        this.costs = Objects.requireNonNull(costs, "costs");
        this.cash = Objects.requireNonNull(initialBalance, "initialBalance");
    }

    Position position(Symbol symbol) {
        Held held = positions.get(symbol);
        return held == null ? Position.flat() : held.position();
    }

    int leverage(Symbol symbol) {
        Held held = positions.get(symbol);
        return held == null ? 1 : held.leverage();
    }

    /** Margin the open positions tie up: each one's entry notional over its leverage. */
    BigDecimal positionMargin() {
        BigDecimal margin = BigDecimal.ZERO;
        for (Held held : positions.values()) {
            margin = margin.add(held.position().notional().divide(BigDecimal.valueOf(held.leverage()), 8, RoundingMode.HALF_UP));
        }
        return margin;
    }

    BigDecimal free() {
        return cash.subtract(positionMargin()).subtract(reserved);
    }

    /** Whether this client order id was used before: the agent's own ids must grow, any other id must be new. */
    boolean used(ClientOrderId clientOrderId) {
        long[] structured = structured(clientOrderId);
        if (structured == null) {
            return otherIds.contains(clientOrderId.value()) || open.containsKey(clientOrderId);
        }
        return structured[0] < lastSequence || (structured[0] == lastSequence && structured[1] <= lastLeg);
    }

    void use(ClientOrderId clientOrderId) {
        long[] structured = structured(clientOrderId);
        if (structured == null) {
            otherIds.add(clientOrderId.value());
            if (otherIds.size() > 4 * RECENT) {
                otherIds.remove(otherIds.iterator().next());
            }
        } else {
            lastSequence = structured[0];
            lastLeg = (int) structured[1];
        }
    }

    /** The decision sequence and leg of an id {@code <this account>-<sequence>-<leg>}, or null for any other id. */
    private long[] structured(ClientOrderId clientOrderId) {
        String value = clientOrderId.value();
        if (!value.startsWith(id) || value.length() <= id.length() + 3 || value.charAt(id.length()) != '-') {
            return null;
        }
        String rest = value.substring(id.length() + 1);
        int dash = rest.indexOf('-');
        if (dash <= 0 || dash == rest.length() - 1) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(rest.substring(0, dash)), Integer.parseInt(rest.substring(dash + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Books a fill; returns what it did to the position. */
    Position.Change book(Symbol symbol, Fill fill, int leverage) {
        Held held = positions.get(symbol);
        Position before = held == null ? Position.flat() : held.position();
        Position.Change change = before.apply(fill);
        cash = cash.add(change.realized()).subtract(fill.fee());
        Position after = change.after();
        if (after.side() == PositionSide.FLAT) {
            positions.remove(symbol);
        } else {
            int lev = change.kind() == Position.Change.Kind.OPENED || change.kind() == Position.Change.Kind.FLIPPED ? leverage : held.leverage();
            positions.put(symbol, new Held(after, lev));
        }
        return change;
    }

    void finished(VenueOrder order) {
        open.remove(order.clientOrderId());
        finished.addLast(order);
        if (finished.size() > RECENT) {
            finished.removeFirst();
        }
    }

    void executed(Execution execution) {
        executions.addLast(execution);
        if (executions.size() > RECENT) {
            executions.removeFirst();
        }
    }

    // ---------------------------------------------------------------- bytes

    /** The last word on a finished order of this account with that id, or null. */
    VenueOrder last(ClientOrderId id) {
        for (Iterator<VenueOrder> it = finished.descendingIterator(); it.hasNext(); ) {
            VenueOrder order = it.next();
            if (order.clientOrderId().equals(id)) {
                return order;
            }
        }
        return null;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeUTF(id);
        BinaryDecimals.write(out, costs.makerRate());
        BinaryDecimals.write(out, costs.takerRate());
        BinaryDecimals.write(out, costs.slippageBps());
        BinaryDecimals.write(out, cash);
        out.writeUTF(asset);
        BinaryDecimals.write(out, reserved);
        out.writeInt(positions.size());
        for (Map.Entry<Symbol, Held> e : positions.entrySet()) {
            PaperCodec.writeSymbol(out, e.getKey());
            Position p = e.getValue().position();
            out.writeByte(p.side().ordinal());
            BinaryDecimals.write(out, p.quantity());
            BinaryDecimals.write(out, p.averagePrice());
            BinaryDecimals.write(out, p.realizedPnl());
            BinaryDecimals.write(out, p.fees());
            out.writeLong(p.openedAt());
            out.writeShort(e.getValue().leverage());
        }
        out.writeInt(open.size());
        for (Map.Entry<ClientOrderId, Symbol> e : open.entrySet()) {
            out.writeUTF(e.getKey().value());
            PaperCodec.writeSymbol(out, e.getValue());
        }
        out.writeLong(lastSequence);
        out.writeInt(lastLeg);
        out.writeInt(otherIds.size());
        for (String other : otherIds) {
            out.writeUTF(other);
        }
        out.writeLong(liquidations);
        out.writeInt(finished.size());
        for (VenueOrder order : finished) {
            PaperCodec.writeOrder(out, order);
        }
        out.writeInt(executions.size());
        for (Execution execution : executions) {
            PaperCodec.writeExecution(out, execution);
        }
    }

    static PaperAccount read(String id, InputStream bytes) throws IOException {
        DataInputStream in = new DataInputStream(bytes);
        in.mark(4);
        if (in.readInt() != FORMAT) {
            in.reset();
            return readFirstFormat(id, in);
        }
        String stored = in.readUTF();
        PaperAccount account = new PaperAccount(stored, new ExecutionCosts(BinaryDecimals.read(in), BinaryDecimals.read(in),
                BinaryDecimals.read(in)), BinaryDecimals.read(in));
        account.asset = in.readUTF();
        account.reserved = BinaryDecimals.read(in);
        int positions = in.readInt();
        for (int i = 0; i < positions; i++) {
            Symbol symbol = PaperCodec.readSymbol(in);
            Position p = new Position(PositionSide.values()[in.readByte()], BinaryDecimals.read(in), BinaryDecimals.read(in),
                    BinaryDecimals.read(in), BinaryDecimals.read(in), in.readLong());
            account.positions.put(symbol, new Held(p, in.readShort()));
        }
        int open = in.readInt();
        for (int i = 0; i < open; i++) {
            account.open.put(new ClientOrderId(in.readUTF()), PaperCodec.readSymbol(in));
        }
        account.lastSequence = in.readLong();
        account.lastLeg = in.readInt();
        int others = in.readInt();
        for (int i = 0; i < others; i++) {
            account.otherIds.add(in.readUTF());
        }
        account.liquidations = in.readLong();
        int finished = in.readInt();
        for (int i = 0; i < finished; i++) {
            account.finished.addLast(PaperCodec.readOrder(in));
        }
        int executions = in.readInt();
        for (int i = 0; i < executions; i++) {
            account.executions.addLast(PaperCodec.readExecution(in));
        }
        return account;
    }

    /**
     * The first release's account (costs, cash, last decision, one position, no leverage recorded): read so that an
     * upgraded venue keeps its accounts. Its position is taken to be in {@code symbol} at leverage 1 (the first
     * release booked margin at the order's leverage; a later fill corrects nothing that matters for a flat account).
     */
    private static PaperAccount readFirstFormat(String id, DataInput in) throws IOException {
        PaperAccount account = new PaperAccount(id, new ExecutionCosts(new BigDecimal(in.readUTF()), new BigDecimal(in.readUTF()),
                new BigDecimal(in.readUTF())), new BigDecimal(in.readUTF()));
        account.lastSequence = in.readLong();
        account.lastLeg = 0;
        PositionSide side = PositionSide.valueOf(in.readUTF());
        BigDecimal quantity = new BigDecimal(in.readUTF());
        String average = in.readUTF();
        Position position = new Position(side, quantity, average.isEmpty() ? null : new BigDecimal(average), new BigDecimal(in.readUTF()),
                new BigDecimal(in.readUTF()), in.readLong());
        if (!position.isFlat()) {
            account.firstFormatPosition = position;
        }
        return account;
    }

    /** A first-release position whose symbol the account did not record: the venue places it on the next order's symbol. */
    Position firstFormatPosition;
}
