package io.agenthub.ingest.bars;

import io.agenthub.core.market.BarAccumulator;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.Bar;
import io.agenthub.schemas.events.MarketWatermark;
import io.agenthub.schemas.events.Tick;
import io.agenthub.schemas.streams.RecordParser;
import io.agenthub.schemas.topics.Topic;
import org.apache.avro.specific.SpecificRecord;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Parsing market records off the wire into the domain, and bars back onto it. */
final class MarketRecords {

    private MarketRecords() {
    }

    /**
     * Decodes a record of {@code market.ticks} into a {@link MarketTick} or a {@link Watermark}, checking that its
     * symbol is supported and matches the record key.
     */
    static RecordParser<String, Object> parser(Topic<String, SpecificRecord> topic, Instruments instruments) {
        return (key, value) -> {
            SpecificRecord record = topic.valueSerde().deserializer().deserialize(topic.name(), value);
            return switch (record) {
                case null -> throw new IllegalArgumentException("null value (a tombstone has no place on " + topic.name() + ")");
                case Tick tick -> {
                    Symbol symbol = instruments.resolve(tick.getSymbol()).symbol();
                    requireKey(key, symbol, topic.name());
                    yield new RecordParser.Parsed<>(symbol.toString(), new MarketTick(symbol, tick.getEventTime(),
                            tick.getPrice(), tick.getSize(), tick.getTradeId(), tick.getBid(), tick.getAsk()));
                }
                case MarketWatermark mark -> {
                    Symbol symbol = instruments.resolve(mark.getSymbol()).symbol();
                    requireKey(key, symbol, topic.name());
                    yield new RecordParser.Parsed<>(symbol.toString(), new Watermark(symbol, mark.getWatermark()));
                }
                default -> throw new IllegalArgumentException("unexpected " + record.getClass().getSimpleName() + " on " + topic.name());
            };
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

    /** The wire bar; its event id is derived from symbol, timeframe and open time, so a replayed bar keeps its id. */
    static Bar toEvent(BarAccumulator bar) {
        String identity = bar.symbol() + "|" + bar.timeframe().label() + "|" + bar.openTime().toEpochMilli();
        return Bar.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
                .setEventTime(bar.closeTime())
                .setCausationId(null)
                .setSymbol(bar.symbol().toString())
                .setTimeframe(bar.timeframe().label())
                .setOpenTime(bar.openTime())
                .setCloseTime(bar.closeTime())
                .setOpen(Decimals.toWire(bar.open()))
                .setHigh(Decimals.toWire(bar.high()))
                .setLow(Decimals.toWire(bar.low()))
                .setClose(Decimals.toWire(bar.close()))
                .setVolume(Decimals.toWire(bar.volume()))
                .setTickCount(bar.tickCount())
                .build();
    }
}
