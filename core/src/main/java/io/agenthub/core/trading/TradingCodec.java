package io.agenthub.core.trading;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;

/** A trading agent's state as bytes: strategy, ATR, book, halt, the order in flight. The settings are the caller's. */
final class TradingCodec {

    private TradingCodec() {
    }

    static void write(TradingAgent a, DataOutput out) throws IOException {
        Book book = a.book;
        OrderRequest inFlight = a.inFlight;
        Position position = book.position;
        ProtectiveLevels levels = book.levels;
        a.strategy.write(out);
        a.atr.write(out);
        writeDecimal(out, book.cash);
        out.writeLong(a.decisionSequence);
        out.writeBoolean(a.halted);
        out.writeUTF(a.haltReason == null ? "" : a.haltReason);
        out.writeDouble(book.sessionStart);
        out.writeDouble(a.lastPrice);
        out.writeLong(a.lastTime);
        out.writeUTF(position.side().name());
        writeDecimal(out, position.quantity());
        writeDecimal(out, position.averagePrice());
        writeDecimal(out, position.realizedPnl());
        writeDecimal(out, position.fees());
        out.writeLong(position.openedAt());
        out.writeUTF(book.positionId == null ? "" : book.positionId);
        out.writeBoolean(levels != null);
        if (levels != null) {
            writeDecimal(out, levels.stopLoss());
            writeDecimal(out, levels.takeProfit());
            writeDecimal(out, levels.liquidationPrice());
        }
        out.writeBoolean(inFlight != null);
        if (inFlight != null) {
            out.writeUTF(inFlight.clientOrderId().value());
            out.writeLong(inFlight.decisionSequence());
            out.writeUTF(inFlight.side().name());
            writeDecimal(out, inFlight.quantity());
            out.writeUTF(inFlight.purpose().name());
            out.writeLong(inFlight.decisionTime());
            writeDecimal(out, inFlight.referencePrice());
            out.writeBoolean(inFlight.reduceOnly());
            out.writeUTF(inFlight.reason() == null ? "" : inFlight.reason());
            writeDecimal(out, a.inFlightFilled);
        }
    }

    static void read(TradingAgent a, DataInput in) throws IOException {
        Book book = a.book;
        a.strategy.read(in);
        a.atr.read(in);
        book.cash = readDecimal(in);
        a.decisionSequence = in.readLong();
        a.halted = in.readBoolean();
        String reason = in.readUTF();
        a.haltReason = reason.isEmpty() ? null : reason;
        book.sessionStart = in.readDouble();
        a.lastPrice = in.readDouble();
        a.lastTime = in.readLong();
        PositionSide side = PositionSide.valueOf(in.readUTF());
        book.position = new Position(side, readDecimal(in), readDecimal(in), readDecimal(in), readDecimal(in), in.readLong());
        String id = in.readUTF();
        book.positionId = id.isEmpty() ? null : id;
        book.levels = in.readBoolean() ? new ProtectiveLevels(readDecimal(in), readDecimal(in), readDecimal(in)) : null;
        if (in.readBoolean()) {
            a.inFlight = new OrderRequest(new ClientOrderId(in.readUTF()), in.readLong(), Side.valueOf(in.readUTF()), readDecimal(in),
                    OrderPurpose.valueOf(in.readUTF()), in.readLong(), readDecimal(in), in.readBoolean(), in.readUTF());
            a.inFlightFilled = readDecimal(in);
        } else {
            a.inFlight = null;
            a.inFlightFilled = BigDecimal.ZERO;
        }
        book.mirror();
    }

    private static void writeDecimal(DataOutput out, BigDecimal value) throws IOException {
        out.writeUTF(value == null ? "" : value.toPlainString());
    }

    private static BigDecimal readDecimal(DataInput in) throws IOException {
        String text = in.readUTF();
        return text.isEmpty() ? null : new BigDecimal(text);
    }
}
