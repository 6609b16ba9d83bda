package io.agenthub.core.venue;

import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One symbol at the paper venue: its recent prices, the orders waiting in it (in the order they were accepted), and
 * the accounts holding a leveraged position in it (checked for liquidation on every tick).
 */
final class PaperBook {

    private static final int FORMAT = 0x50424B32; // "PBK2"

    final PriceHistory prices;
    final List<RestingOrder> orders = new ArrayList<>();
    final Set<String> leveraged = new TreeSet<>();

    PaperBook(int historyTicks) {
        this(new PriceHistory(historyTicks));
    }

    PaperBook(PriceHistory prices) {
        this.prices = prices;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        prices.write(out);
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
    static PaperBook read(InputStream bytes, int historyTicks) throws IOException {
        DataInputStream in = new DataInputStream(bytes);
        if (in.readInt() != FORMAT) {
            throw new IOException("not a paper book of this release");
        }
        PaperBook book = new PaperBook(historyTicks);
        book.prices.read(in);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            book.orders.add(RestingOrder.read(in));
        }
        int leveraged = in.readInt();
        for (int i = 0; i < leveraged; i++) {
            book.leveraged.add(in.readUTF());
        }
        return book;
    }

    static boolean isCurrentFormat(byte[] bytes) {
        return bytes.length >= 4 && ((bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff)) == FORMAT;
    }
}
