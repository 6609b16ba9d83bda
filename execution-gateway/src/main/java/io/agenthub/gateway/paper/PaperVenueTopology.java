package io.agenthub.gateway.paper;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.venue.PaperVenue;
import io.agenthub.kafka.streams.AgentRecords;
import io.agenthub.kafka.streams.MarketRecords;
import io.agenthub.kafka.streams.ParsedStreams;
import io.agenthub.kafka.streams.RecordParser;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.math.BigDecimal;

/**
 * The paper venue, a pure function of its settings:
 * <pre>
 * orders.intents ─► parse ─► key by symbol ─► &lt;app&gt;-venue-intents-repartition ─┐
 * agents.config ──► parse ─► key by symbol ─► &lt;app&gt;-venue-configs-repartition ─┼─► paper venue [venue-books, venue-accounts] ─► orders.executions
 * market.ticks ───► parse ───────────────────────────────────────────────────────┘
 *        (each bad record ─► its .dlq)
 * </pre>
 * Orders and configurations are moved to the partition of their symbol (as many as {@code market.ticks} has, same
 * partitioner), where the symbol's prices are: a few records per order against every tick staying put.
 */
public final class PaperVenueTopology {

    public static final String APPLICATION = "execution-gateway";
    static final String BOOKS = "venue-books";
    static final String ACCOUNTS = "venue-accounts";
    static final String PRICES = "venue-prices";

    private PaperVenueTopology() {
    }

    public static Topology build(Topics topics, Instruments instruments, PaperVenue.Settings settings, int priceHistory,
                                 BigDecimal initialBalance, int symbolPartitions) {
        StreamsBuilder builder = new StreamsBuilder();
        var ticksTopic = topics.marketTicks();
        KStream<String, Object> market = ParsedStreams.stream(builder, APPLICATION, ticksTopic, topics.deadLetters(ticksTopic), "market",
                MarketRecords.parser(ticksTopic, instruments));

        KStream<String, OrderIntent> intents = ParsedStreams.stream(builder, APPLICATION, topics.ordersIntents(),
                        topics.deadLetters(topics.ordersIntents()), "intents", intentParser(topics.ordersIntents(), instruments))
                .selectKey((agent, intent) -> instruments.resolve(intent.getSymbol()).symbol().toString(), Named.as("intents-by-symbol"))
                .repartition(Repartitioned.<String, OrderIntent>as("venue-intents").withKeySerde(Serdes.String())
                        .withValueSerde(topics.ordersIntents().valueSerde()).withNumberOfPartitions(symbolPartitions));
        KStream<String, AgentConfig> configs = ParsedStreams.stream(builder, APPLICATION, topics.agentsConfig(),
                        topics.deadLetters(topics.agentsConfig()), "configs", AgentRecords.parser(topics.agentsConfig(), AgentConfig::getAgentId))
                // a configuration for a symbol nobody trades is the processor's to report, not the venue's
                .filter((agent, config) -> supported(instruments, config.getSymbol()), Named.as("configs-known-symbol"))
                .selectKey((agent, config) -> instruments.resolve(config.getSymbol()).symbol().toString(), Named.as("configs-by-symbol"))
                .repartition(Repartitioned.<String, AgentConfig>as("venue-configs").withKeySerde(Serdes.String())
                        .withValueSerde(topics.agentsConfig().valueSerde()).withNumberOfPartitions(symbolPartitions));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BOOKS), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ACCOUNTS), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());
        // one record per tick, the last price-history of each symbol: a late order finds the first price after its decision
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PRICES), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());

        Topic<String, ExecutionReport> executions = topics.ordersExecutions();
        market.merge(intents.mapValues(i -> (Object) i, Named.as("intents-as-input")), Named.as("merge-intents"))
                .merge(configs.mapValues(c -> (Object) c, Named.as("configs-as-input")), Named.as("merge-configs"))
                .process(() -> new PaperVenueTask(instruments, settings, priceHistory, initialBalance), Named.as("paper-venue"), BOOKS, ACCOUNTS, PRICES)
                .to(executions.name(), Produced.with(executions.keySerde(), executions.valueSerde()).withName("executions"));
        return builder.build();
    }

    private static boolean supported(Instruments instruments, String symbol) {
        try {
            instruments.resolve(symbol);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** An intent must name a symbol the venue trades: one that does not is a bad record, for the dead-letter topic. */
    private static RecordParser<String, OrderIntent> intentParser(Topic<String, OrderIntent> topic, Instruments instruments) {
        RecordParser<String, OrderIntent> parse = AgentRecords.parser(topic, OrderIntent::getAgentId);
        return (key, value) -> {
            RecordParser.Parsed<String, OrderIntent> parsed = parse.parse(key, value);
            instruments.resolve(parsed.value().getSymbol());
            return parsed;
        };
    }
}
