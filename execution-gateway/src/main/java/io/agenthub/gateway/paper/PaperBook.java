package io.agenthub.gateway.paper;

import io.agenthub.core.venue.PriceHistory;
import io.agenthub.schemas.AvroSerde;
import io.agenthub.schemas.events.OrderIntent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** One symbol at the paper venue: its recent prices, and the accepted orders still waiting for a price after their decision. */
final class PaperBook {

    static final int HISTORY = 256;
    private static final AvroSerde<OrderIntent> INTENTS = AvroSerde.of(OrderIntent.class);

    final PriceHistory prices = new PriceHistory(HISTORY);
    final List<OrderIntent> waiting = new ArrayList<>();

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            prices.write(out);
            out.writeInt(waiting.size());
            for (OrderIntent intent : waiting) {
                byte[] encoded = INTENTS.encode(intent);
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PaperBook fromBytes(byte[] bytes) {
        PaperBook book = new PaperBook();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            book.prices.read(in);
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                book.waiting.add(INTENTS.decode(encoded));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return book;
    }
}
