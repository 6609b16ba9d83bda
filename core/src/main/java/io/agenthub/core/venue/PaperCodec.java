package io.agenthub.core.venue;

import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.broker.TimeInForce;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.codec.BinaryDecimals;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.Side;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The paper venue's state as bytes for its state stores: decimals as unscaled value and scale, no text on hot paths. */
final class PaperCodec {

    private PaperCodec() {
    }

    static void writeString(DataOutput out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    static String readString(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeSymbol(DataOutput out, Symbol symbol) throws IOException {
        out.writeUTF(symbol.base());
        out.writeUTF(symbol.quote());
    }

    static Symbol readSymbol(DataInput in) throws IOException {
        return new Symbol(in.readUTF(), in.readUTF());
    }

    static void writeCommand(DataOutput out, OrderCommand c) throws IOException {
        out.writeUTF(c.clientOrderId().value());
        writeSymbol(out, c.symbol());
        out.writeByte(c.side().ordinal());
        out.writeByte(c.type().ordinal());
        BinaryDecimals.write(out, c.quantity());
        BinaryDecimals.write(out, c.limitPrice());
        BinaryDecimals.write(out, c.stopPrice());
        out.writeByte(c.timeInForce().ordinal());
        out.writeBoolean(c.reduceOnly());
        out.writeShort(c.leverage());
        out.writeLong(c.decisionTime());
        BinaryDecimals.write(out, c.referencePrice());
        writeString(out, c.causationId());
        out.writeBoolean(c.trigger() != null);
        if (c.trigger() != null) {
            out.writeByte(c.trigger().standsFor().ordinal());
            BinaryDecimals.write(out, c.trigger().level());
        }
    }

    /** @param withTrigger whether the command was written with its trigger (books of format 4 on) */
    static OrderCommand readCommand(DataInput in, boolean withTrigger) throws IOException {
        OrderCommand command = new OrderCommand(new ClientOrderId(in.readUTF()), readSymbol(in), Side.values()[in.readByte()],
                OrderType.values()[in.readByte()], BinaryDecimals.read(in), BinaryDecimals.read(in), BinaryDecimals.read(in), TimeInForce.values()[in.readByte()],
                in.readBoolean(), in.readShort(), in.readLong(), BinaryDecimals.read(in), readString(in));
        if (withTrigger && in.readBoolean()) {
            return command.triggeredBy(new OrderCommand.Trigger(OrderType.values()[in.readByte()], BinaryDecimals.read(in)));
        }
        return command;
    }

    static void writeOrder(DataOutput out, VenueOrder o) throws IOException {
        out.writeUTF(o.clientOrderId().value());
        writeString(out, o.venueOrderId());
        writeSymbol(out, o.symbol());
        out.writeByte(o.side().ordinal());
        out.writeByte(o.type().ordinal());
        BinaryDecimals.write(out, o.quantity());
        BinaryDecimals.write(out, o.limitPrice());
        BinaryDecimals.write(out, o.stopPrice());
        out.writeByte(o.status().ordinal());
        BinaryDecimals.write(out, o.filled());
        BinaryDecimals.write(out, o.averagePrice());
        writeString(out, o.rejectCode());
        writeString(out, o.reason());
        out.writeLong(o.updatedAt());
        writeString(out, o.causationId());
    }

    static VenueOrder readOrder(DataInput in) throws IOException {
        return new VenueOrder(new ClientOrderId(in.readUTF()), readString(in), readSymbol(in), Side.values()[in.readByte()],
                OrderType.values()[in.readByte()], BinaryDecimals.read(in), BinaryDecimals.read(in), BinaryDecimals.read(in), OrderStatus.values()[in.readByte()],
                BinaryDecimals.read(in), BinaryDecimals.read(in), readString(in), readString(in), in.readLong(), readString(in));
    }

    static void writeExecution(DataOutput out, Execution e) throws IOException {
        Fill f = e.fill();
        out.writeUTF(f.clientOrderId().value());
        out.writeByte(f.side().ordinal());
        BinaryDecimals.write(out, f.price());
        BinaryDecimals.write(out, f.quantity());
        BinaryDecimals.write(out, f.fee());
        out.writeByte(f.liquidity().ordinal());
        out.writeLong(f.time());
        writeSymbol(out, e.symbol());
        writeString(out, e.venueOrderId());
        out.writeUTF(e.tradeId());
        writeString(out, e.feeAsset());
        BinaryDecimals.write(out, e.venueQuantity());
    }

    static Execution readExecution(DataInput in) throws IOException {
        Fill fill = new Fill(new ClientOrderId(in.readUTF()), Side.values()[in.readByte()], BinaryDecimals.read(in), BinaryDecimals.read(in), BinaryDecimals.read(in),
                Liquidity.values()[in.readByte()], in.readLong());
        return new Execution(fill, readSymbol(in), readString(in), in.readUTF(), readString(in), BinaryDecimals.read(in));
    }
}
