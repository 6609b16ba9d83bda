package io.agenthub.kafka.streams;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.TickKind;
import io.agenthub.core.market.Watermark;
import io.agenthub.schemas.events.MarketWatermark;
import io.agenthub.schemas.events.Tick;
import io.agenthub.schemas.topics.Topic;
import org.apache.avro.specific.SpecificRecord;

import java.nio.charset.StandardCharsets;

/** Records of {@code market.ticks} off the wire, checked, into the domain: every consumer of ticks reads them here. */
public final class MarketRecords {

    private MarketRecords() {
    }

    /**
     * A decoded market record: a {@link MarketTick} or a {@link Watermark}, with the event id it travelled under (the
     * causation of whatever it triggers).
     */
    public record MarketRecord(String eventId, Object value) {
    }

    /**
     * Decodes a record of {@code market.ticks}, checking that its symbol is supported and matches the record key; throws
     * with the reason otherwise.
     */
    public static MarketRecord decode(Topic<String, SpecificRecord> topic, Instruments instruments, byte[] key, byte[] value) {
        SpecificRecord record = topic.valueSerde().deserializer().deserialize(topic.name(), value);
        return switch (record) {
            case null -> throw new IllegalArgumentException("null value (a tombstone has no place on " + topic.name() + ")");
            case Tick tick -> {
                Symbol symbol = instruments.resolve(tick.getSymbol()).symbol();
                requireKey(key, symbol, topic.name());
                yield new MarketRecord(tick.getEventId(), new MarketTick(symbol, tick.getEventTime(), tick.getPrice(), tick.getSize(),
                        tick.getTradeId(), tick.getBid(), tick.getAsk(), TickKind.valueOf(tick.getKind().name())));
            }
            case MarketWatermark mark -> {
                Symbol symbol = instruments.resolve(mark.getSymbol()).symbol();
                requireKey(key, symbol, topic.name());
                yield new MarketRecord(mark.getEventId(), new Watermark(symbol, mark.getWatermark()));
            }
            default -> throw new IllegalArgumentException("unexpected " + record.getClass().getSimpleName() + " on " + topic.name());
        };
    }

    /** The parser for a parse-or-dead-letter node: the symbol as key, a {@link MarketTick} or {@link Watermark} as value. */
    public static RecordParser<String, Object> parser(Topic<String, SpecificRecord> topic, Instruments instruments) {
        return (key, value) -> {
            Object domain = decode(topic, instruments, key, value).value();
            return new RecordParser.Parsed<>(domain instanceof MarketTick t ? t.symbol().toString() : ((Watermark) domain).symbol().toString(), domain);
        };
    }

    private static void requireKey(byte[] key, Symbol symbol, String topic) {
        if (key == null) {
            throw new IllegalArgumentException("record on " + topic + " has no key; expected the symbol " + symbol);
        }
        String text = new String(key, StandardCharsets.UTF_8);
        if (!text.equals(symbol.toString())) {
            throw new IllegalArgumentException("record key '" + text + "' does not match its symbol " + symbol);
        }
    }
}
