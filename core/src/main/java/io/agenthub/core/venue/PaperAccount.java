package io.agenthub.core.venue;

import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.Position;
import io.agenthub.core.trading.PositionSide;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One agent's account at the paper venue: its balance, its position and the last decision it sent. The venue checks
 * an order against it before accepting it, as an exchange would (a client order id seen before, a reduce-only order
 * that would not reduce, margin the balance cannot cover), and books fills with the backtest's own fill model.
 */
public final class PaperAccount {

    private ExecutionCosts costs;
    private BigDecimal cash;
    private Position position = Position.flat();
    private long lastSequence;

    public PaperAccount(ExecutionCosts costs, BigDecimal initialBalance) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.cash = Objects.requireNonNull(initialBalance, "initialBalance");
    }

    /** Why an order is refused, as a venue's error code and message. */
    public record Refusal(String code, String reason) {
    }

    /**
     * Checks an order before the venue takes it; null when it is accepted, after which its decision sequence counts
     * as used.
     *
     * @param price    the price it is expected to fill near (for the margin check)
     * @param leverage 1..125
     */
    public Refusal accept(OrderRequest order, BigDecimal price, int leverage) {
        if (order.decisionSequence() <= lastSequence) {
            return new Refusal("DUPLICATE_CLIENT_ORDER_ID", "client order id " + order.clientOrderId() + " was already sent (last decision "
                    + lastSequence + ")");
        }
        boolean reduces = !position.isFlat() && position.side().exitSide() == order.side();
        if (order.reduceOnly() && (!reduces || order.quantity().compareTo(position.quantity()) > 0)) {
            return new Refusal("REDUCE_ONLY", "reduce-only " + order.side().name().toLowerCase() + " " + order.quantity().toPlainString()
                    + " would not reduce the position (" + describe(position) + ")");
        }
        if (!reduces) {
            BigDecimal notional = price.multiply(order.quantity());
            BigDecimal needed = notional.divide(BigDecimal.valueOf(leverage), 8, RoundingMode.HALF_UP).add(costs.fee(notional, Liquidity.TAKER));
            BigDecimal free = cash.subtract(position.isFlat() ? BigDecimal.ZERO
                    : position.notional().divide(BigDecimal.valueOf(leverage), 8, RoundingMode.HALF_UP));
            if (needed.compareTo(free) > 0) {
                return new Refusal("INSUFFICIENT_MARGIN", "margin and fee " + needed.toPlainString() + " exceed the free balance "
                        + free.toPlainString());
            }
        }
        lastSequence = order.decisionSequence();
        return null;
    }

    /** Books a market order's fill at {@code marketPrice} (slipped against the order, taker fee). */
    public Fill fill(OrderRequest order, BigDecimal marketPrice, int priceScale, long time) {
        Fill fill = costs.marketFill(order, marketPrice, priceScale, time);
        Position.Change change = position.apply(fill);
        position = change.after().side() == PositionSide.FLAT ? Position.flat() : change.after();
        cash = cash.add(change.realized()).subtract(fill.fee());
        return fill;
    }

    public void reconfigure(ExecutionCosts newCosts) {
        costs = Objects.requireNonNull(newCosts, "costs");
    }

    public BigDecimal cash() {
        return cash;
    }

    public Position position() {
        return position;
    }

    private static String describe(Position p) {
        return p.isFlat() ? "flat" : p.side().name().toLowerCase() + " " + p.quantity().toPlainString();
    }

    public void write(DataOutput out) throws IOException {
        out.writeUTF(costs.makerRate().toPlainString());
        out.writeUTF(costs.takerRate().toPlainString());
        out.writeUTF(costs.slippageBps().toPlainString());
        out.writeUTF(cash.toPlainString());
        out.writeLong(lastSequence);
        out.writeUTF(position.side().name());
        out.writeUTF(position.quantity().toPlainString());
        out.writeUTF(position.averagePrice() == null ? "" : position.averagePrice().toPlainString());
        out.writeUTF(position.realizedPnl().toPlainString());
        out.writeUTF(position.fees().toPlainString());
        out.writeLong(position.openedAt());
    }

    public static PaperAccount read(DataInput in) throws IOException {
        PaperAccount account = new PaperAccount(new ExecutionCosts(new BigDecimal(in.readUTF()), new BigDecimal(in.readUTF()),
                new BigDecimal(in.readUTF())), new BigDecimal(in.readUTF()));
        account.lastSequence = in.readLong();
        PositionSide side = PositionSide.valueOf(in.readUTF());
        BigDecimal quantity = new BigDecimal(in.readUTF());
        String average = in.readUTF();
        account.position = new Position(side, quantity, average.isEmpty() ? null : new BigDecimal(average), new BigDecimal(in.readUTF()),
                new BigDecimal(in.readUTF()), in.readLong());
        return account;
    }
}
