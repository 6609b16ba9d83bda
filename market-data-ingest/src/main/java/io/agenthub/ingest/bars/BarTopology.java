package io.agenthub.ingest.bars;

import io.agenthub.core.market.BarBuilder;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Timeframe;
import io.agenthub.ingest.bars.state.BarBuilderState;
import io.agenthub.kafka.streams.DecodeOrDeadLetter;
import io.agenthub.kafka.streams.MarketRecords;
import io.agenthub.schemas.AvroSerde;
import io.agenthub.schemas.events.Bar;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * The bar topology, as a pure function of its settings:
 * <pre>
 * market.ticks (Tick | MarketWatermark) ─► parse ─► bar-builder [store bar-builder-state] ─► market.bars.&lt;tf&gt;
 *                                            └─ bad record ─► market.ticks.dlq
 * </pre>
 * Watermarks travel in the same partition as the ticks they cover, so a watermark is never processed before them.
 *
 * <p>The stores are small (open bars per symbol, trade ids of the last few minutes) and live in memory, backed by
 * their changelog topics: a restart restores them from Kafka in moments, and no commit pays for a RocksDB flush.
 */
public final class BarTopology {

    public static final String APPLICATION = "market-data-ingest";
    public static final String STATE_STORE = "bar-builder-state";
    public static final String SEEN_TRADES_STORE = "bar-builder-seen-trades";
    static final String BUILDER = "bar-builder";

    private BarTopology() {
    }

    public static Topology build(Topics topics, BarBuilder builder, Instruments instruments) {
        Topology topology = new Topology();
        Topic<String, SpecificRecord> ticks = topics.marketTicks();
        Topic<byte[], DeadLetter> dlq = topics.deadLetters(ticks);

        topology.addSource("ticks", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), ticks.name());
        topology.addProcessor("parse", () -> new DecodeOrDeadLetter<>(APPLICATION, ticks.name(),
                MarketRecords.parser(ticks, instruments), BUILDER, "dead-letters"), "ticks");
        topology.addSink("dead-letters", dlq.name(), dlq.keySerde().serializer(), dlq.valueSerde().serializer(), "parse");

        Duration dedup = dedupRetention(builder);
        topology.addProcessor(BUILDER, () -> new BarBuilderProcessor(builder, dedup), "parse");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STATE_STORE),
                Serdes.String(), AvroSerde.of(BarBuilderState.class)).withCachingEnabled(), BUILDER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SEEN_TRADES_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), BUILDER);

        for (Timeframe timeframe : builder.timeframes()) {
            Topic<String, Bar> bars = topics.marketBars(timeframe);
            topology.addSink(sinkName(timeframe), bars.name(), bars.keySerde().serializer(), bars.valueSerde().serializer(), BUILDER);
        }
        return topology;
    }

    /** How long a trade id is remembered: as long as the longest bar can stay open, plus its grace, plus a minute. */
    static Duration dedupRetention(BarBuilder builder) {
        return builder.timeframes().getLast().length().plus(builder.grace()).plusMinutes(1);
    }

    static String sinkName(Timeframe timeframe) {
        return "bars-" + timeframe.label();
    }
}
