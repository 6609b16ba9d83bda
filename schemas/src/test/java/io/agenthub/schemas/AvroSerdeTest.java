package io.agenthub.schemas;

import io.agenthub.schemas.events.Tick;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {

    @TestFactory
    Stream<DynamicTest> shouldRoundTripEveryFieldWhenEventIsFullyPopulated() {
        return Events.ALL.stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> roundTrip(EventSamples.full(type))));
    }

    @TestFactory
    Stream<DynamicTest> shouldRoundTripWhenOptionalFieldsAreNull() {
        return Events.ALL.stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> roundTrip(EventSamples.minimal(type))));
    }

    private static <T extends SpecificRecord> void roundTrip(T event) {
        @SuppressWarnings("unchecked")
        AvroSerde<T> serde = AvroSerde.of((Class<T>) event.getClass());

        byte[] bytes = serde.serializer().serialize("t", event);
        T back = serde.deserializer().deserialize("t", bytes);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(back).isEqualTo(event);
    }

    @Test
    void shouldFailNamingTopicAndTypeWhenBytesAreGarbage() {
        var deserializer = AvroSerde.of(Tick.class).deserializer();

        assertThatThrownBy(() -> deserializer.deserialize("market.ticks", "{\"price\": 1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("market.ticks")
                .hasMessageContaining("not a single-object-encoded Tick");
    }

    @Test
    void shouldFailWhenWriterSchemaIsUnknown() {
        byte[] bytes = AvroSerde.of(Tick.class).encode(EventSamples.full(Tick.class));
        bytes[5] ^= 0x55; // corrupt the writer fingerprint

        assertThatThrownBy(() -> AvroSerde.of(Tick.class).decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("MissingSchemaException");
    }

    @Test
    void shouldFailWhenBodyIsTruncated() {
        byte[] bytes = AvroSerde.of(Tick.class).encode(EventSamples.full(Tick.class));

        assertThatThrownBy(() -> AvroSerde.of(Tick.class).decode(Arrays.copyOf(bytes, 14)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldReadRecordWrittenWithReleasedSchemaWhenProducerIsOlder() throws Exception {
        Schema v1 = SchemaHistory.versions("Tick").getFirst();
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "e1");
        old.put("eventTime", 1_677_628_800_000L);
        old.put("causationId", null);
        old.put("symbol", "BTC/USDT");
        old.put("source", "replay");
        old.put("tradeId", "c1");
        old.put("price", ByteBuffer.wrap(new BigDecimal("23140.48000000").unscaledValue().toByteArray()));
        old.put("size", ByteBuffer.wrap(new BigDecimal("0.50000000").unscaledValue().toByteArray()));
        old.put("bid", null);
        old.put("ask", null);
        old.put("takerSide", null);
        old.put("receivedTime", 1_677_628_800_001L);
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        Tick tick = AvroSerde.of(Tick.class).decode(bytes);

        assertThat(tick.getPrice()).isEqualByComparingTo("23140.48");
        assertThat(tick.getEventTime()).isEqualTo(Instant.parse("2023-03-01T00:00:00Z"));
    }

    @Test
    void shouldRefuseToEncodeWhenDecimalHasMoreThanWireScale() {
        Tick tick = EventSamples.full(Tick.class);
        tick.setPrice(new BigDecimal("1.123456789"));

        assertThatThrownBy(() -> AvroSerde.of(Tick.class).encode(tick))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("scale");
        assertThat(Decimals.toWire(new BigDecimal("1.123456789"))).isEqualByComparingTo("1.12345679");
    }

    @Test
    void shouldEncodeDecimalsWithFewerDigitsThanWireScale() {
        Tick tick = EventSamples.full(Tick.class);
        tick.setPrice(new BigDecimal("23140.48"));

        Tick back = AvroSerde.of(Tick.class).decode(AvroSerde.of(Tick.class).encode(tick));

        assertThat(back.getPrice()).isEqualTo(new BigDecimal("23140.48000000"));
        assertThat(Decimals.fromWire(back.getPrice()).toPlainString()).isEqualTo("23140.48");
    }

    @Test
    void shouldUseSchemaOfGeneratedClass() {
        assertThat(AvroSerde.of(Tick.class).schema()).isEqualTo(SpecificData.get().getSchema(Tick.class));
    }
}
