package io.agenthub.core.venue;

import io.agenthub.core.codec.BinaryDecimals;
import io.agenthub.core.market.TickKind;

import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One symbol at the paper venue: its last price, the orders waiting in it (in the order they were accepted), and the
 * accounts holding a leveraged position in it (checked for liquidation on every tick). Its earlier prices are in the
 * venue's {@link PriceLog}.
 */
final class PaperBook {

    private static final int FORMAT = 0x50424B34; // "PBK4": the last tick's kind, the orders' triggers
    private static final int FORMAT_3 = 0x50424B33; // "PBK3", read as the same with trades and no triggers

    long lastTime = Long.MIN_VALUE;
    java.math.BigDecimal lastPrice;
    TickKind lastKind = TickKind.TRADE;
    final List<RestingOrder> orders = new ArrayList<>();
    final Set<String> leveraged = new TreeSet<>();

    PriceHistory.Point last() {
        return lastPrice == null ? null : new PriceHistory.Point(lastTime, lastPrice, lastKind);
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeLong(lastTime);
        BinaryDecimals.write(out, lastPrice);
        out.writeByte(lastKind.ordinal());
        out.writeInt(orders.size());
        for (RestingOrder order : orders) {
            order.write(out);
        }
        out.writeInt(leveraged.size());
        for (String account : leveraged) {
            out.writeUTF(account);
        }
    }

    /** @throws IOException also when the bytes are not of this format (see {@link #isCurrentFormat}) */
    static PaperBook read(InputStream bytes) throws IOException {
        DataInputStream in = new DataInputStream(bytes);
        int format = in.readInt();
        if (format != FORMAT && format != FORMAT_3) {
            throw new IOException("not a paper book of this release");
        }
        boolean current = format == FORMAT;
        PaperBook book = new PaperBook();
        book.lastTime = in.readLong();
        book.lastPrice = BinaryDecimals.read(in);
        book.lastKind = current ? TickKind.values()[in.readByte()] : TickKind.TRADE;
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            book.orders.add(RestingOrder.read(in, current));
        }
        int leveraged = in.readInt();
        for (int i = 0; i < leveraged; i++) {
            book.leveraged.add(in.readUTF());
        }
        return book;
    }

    /** Whether the bytes are a book this release reads (its own format or the one before). */
    static boolean isCurrentFormat(byte[] bytes) {
        int format = bytes.length < 4 ? 0 : (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
        return format == FORMAT || format == FORMAT_3;
    }
}
