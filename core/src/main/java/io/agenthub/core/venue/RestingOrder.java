package io.agenthub.core.venue;

import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.codec.BinaryDecimals;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An accepted order waiting in its symbol's book: a market order for the first price after its decision, a limit order
 * for its price, a stop for its trigger.
 */
final class RestingOrder {

    final String account;
    final OrderCommand command;
    final String venueOrderId;
    OrderStatus status = OrderStatus.NEW;
    BigDecimal filled = BigDecimal.ZERO;
    /** Sum of price × quantity of its fills, for the average price. */
    BigDecimal filledValue = BigDecimal.ZERO;
    int fills;
    /** Whether it has met its first price at or after its decision (after that, a limit order rests and makes liquidity). */
    boolean arrived;
    /** Whether its stop has triggered (a stop-limit then works as a limit order). */
    boolean triggered;
    /** Margin and fee held back from the account's free balance for what is left of it. */
    BigDecimal reserved = BigDecimal.ZERO;
    /** Why the venue itself placed it (a liquidation), shown as the reason of its updates; not kept past its fill. */
    String note;

    RestingOrder(String account, OrderCommand command, String venueOrderId) {
        this.account = account;
        this.command = command;
        this.venueOrderId = venueOrderId;
    }

    BigDecimal remaining() {
        return command.quantity().subtract(filled);
    }

    /** The type it now works as: a triggered stop is a market or limit order. */
    OrderType working() {
        if (!triggered) {
            return command.type();
        }
        return command.type() == OrderType.STOP_MARKET ? OrderType.MARKET : OrderType.LIMIT;
    }

    BigDecimal averagePrice(int priceScale) {
        return filled.signum() == 0 ? null : filledValue.divide(filled, Math.max(priceScale, 8), RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    VenueOrder view(long time, int priceScale, String code, String reason) {
        return new VenueOrder(command.clientOrderId(), venueOrderId, command.symbol(), command.side(), command.type(), command.quantity(),
                command.limitPrice(), command.stopPrice(), status, filled, averagePrice(priceScale), code, reason, time, command.causationId());
    }

    void write(DataOutput out) throws IOException {
        out.writeUTF(account);
        PaperCodec.writeCommand(out, command);
        out.writeUTF(venueOrderId);
        out.writeByte(status.ordinal());
        BinaryDecimals.write(out, filled);
        BinaryDecimals.write(out, filledValue);
        out.writeInt(fills);
        out.writeBoolean(arrived);
        out.writeBoolean(triggered);
        BinaryDecimals.write(out, reserved);
    }

    /** @param withTrigger whether its command was written with its trigger (books of format 4 on) */
    static RestingOrder read(DataInput in, boolean withTrigger) throws IOException {
        RestingOrder order = new RestingOrder(in.readUTF(), PaperCodec.readCommand(in, withTrigger), in.readUTF());
        order.status = OrderStatus.values()[in.readByte()];
        order.filled = BinaryDecimals.read(in);
        order.filledValue = BinaryDecimals.read(in);
        order.fills = in.readInt();
        order.arrived = in.readBoolean();
        order.triggered = in.readBoolean();
        order.reserved = BinaryDecimals.read(in);
        return order;
    }
}
