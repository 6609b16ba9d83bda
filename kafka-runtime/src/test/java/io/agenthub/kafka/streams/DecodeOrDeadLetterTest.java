package io.agenthub.kafka.streams;

import io.agenthub.schemas.AvroSerde;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.Tick;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeOrDeadLetterTest {

    private final Topics topics = Topics.standard();
    private final Topic<String, SpecificRecord> ticks = topics.marketTicks();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, SpecificRecord> parsed;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;

    @BeforeEach
    void setUp() {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), ticks.name());
        topology.addProcessor("parse", () -> new DecodeOrDeadLetter<>("test-app", ticks.name(), (key, value) -> {
            Tick tick = (Tick) ticks.valueSerde().deserializer().deserialize(ticks.name(), value);
            if (key == null) {
                throw new IllegalArgumentException("tick has no key");
            }
            if (tick.getPrice().signum() <= 0) {
                throw new IllegalArgumentException("tick price must be positive");
            }
            return new RecordParser.Parsed<>(new String(key, StandardCharsets.UTF_8), tick);
        }, "ok", "dlq"), "in");
        topology.addSink("ok", "parsed", Serdes.String().serializer(), ticks.valueSerde().serializer(), "parse");
        var dlq = topics.deadLetters(ticks);
        topology.addSink("dlq", dlq.name(), dlq.keySerde().serializer(), dlq.valueSerde().serializer(), "parse");

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dlq-test");
        driver = new TopologyTestDriver(topology, props);
        input = driver.createInputTopic(ticks.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        parsed = driver.createOutputTopic("parsed", Serdes.String().deserializer(), ticks.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(dlq.name(), dlq.keySerde().deserializer(), dlq.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static Tick tick(String price) {
        return Tick.newBuilder().setEventId("e").setEventTime(Instant.parse("2023-03-01T00:00:00Z")).setCausationId(null)
                .setSymbol("BTC/USDT").setSource("replay").setTradeId("t").setPrice(new BigDecimal(price))
                .setSize(BigDecimal.ONE).setBid(null).setAsk(null).setTakerSide(null)
                .setReceivedTime(Instant.parse("2023-03-01T00:00:00Z")).build();
    }

    @Test
    void shouldDeadLetterGarbageAndKeepProcessingWhenRecordsAreMixed() {
        byte[] key = "BTC/USDT".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);

        input.pipeInput(key, AvroSerde.of(Tick.class).encode(tick("100")));
        input.pipeInput(key, garbage);
        input.pipeInput(key, AvroSerde.of(Tick.class).encode(tick("-5")));
        input.pipeInput(null, AvroSerde.of(Tick.class).encode(tick("100")));
        input.pipeInput(key, AvroSerde.of(Tick.class).encode(tick("101")));

        assertThat(parsed.readValuesToList()).extracting(t -> ((Tick) t).getPrice().toBigInteger().intValue()).containsExactly(100, 101);
        var letters = deadLetters.readKeyValuesToList();
        assertThat(letters).hasSize(3);
        DeadLetter first = letters.getFirst().value;
        assertThat(first.getApplication()).isEqualTo("test-app");
        assertThat(first.getSourceTopic()).isEqualTo("market.ticks");
        assertThat(first.getSourceOffset()).isEqualTo(1L);
        assertThat(first.getErrorMessage()).contains("not a single-object-encoded Tick or MarketWatermark");
        assertThat(first.getValue().array()).isEqualTo(garbage);
        assertThat(letters.getFirst().key).isEqualTo(key);
        assertThat(letters.get(1).value.getErrorMessage()).contains("price must be positive");
        assertThat(letters.get(2).value.getErrorMessage()).contains("no key");
        assertThat(deadLetteredTotal()).isEqualTo(3.0);
    }

    private double deadLetteredTotal() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dead-lettered-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }
}
