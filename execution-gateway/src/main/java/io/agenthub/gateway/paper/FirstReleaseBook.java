package io.agenthub.gateway.paper;

import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.venue.PaperVenue;
import io.agenthub.core.venue.PriceHistory;
import io.agenthub.schemas.AvroSerde;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.orders.OrderEvents;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A paper book as the first release stored it (its last 256 prices, then the accepted market intents waiting for a
 * price after their decision, Avro-encoded), read once so that an upgraded gateway keeps the orders it had taken.
 */
final class FirstReleaseBook {

    private static final int HISTORY = 256;
    private static final AvroSerde<OrderIntent> INTENTS = AvroSerde.of(OrderIntent.class);

    private FirstReleaseBook() {
    }

    /** This release's book, and the prices the old one kept (for the price log). */
    record Upgraded(byte[] book, List<PriceHistory.Point> prices) {
    }

    static Upgraded upgrade(byte[] bytes) {
        PriceHistory prices = new PriceHistory(HISTORY);
        List<Map.Entry<String, OrderCommand>> waiting = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            prices.read(in);
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                OrderIntent intent = INTENTS.decode(encoded);
                waiting.add(Map.entry(intent.getAgentId(), OrderEvents.command(intent)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a paper book of the first release that cannot be read", e);
        }
        return new Upgraded(PaperVenue.upgradeBook(prices.newest(), waiting), prices.points());
    }
}
