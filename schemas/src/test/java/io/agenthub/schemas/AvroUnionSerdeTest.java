package io.agenthub.schemas;

import io.agenthub.schemas.events.Bar;
import io.agenthub.schemas.events.MarketWatermark;
import io.agenthub.schemas.events.Tick;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroUnionSerdeTest {

    private final AvroUnionSerde serde = new AvroUnionSerde(Tick.class, MarketWatermark.class);

    @Test
    void shouldDecodeEachMemberIntoItsOwnTypeWhenTopicCarriesSeveral() {
        Tick tick = EventSamples.full(Tick.class);
        MarketWatermark mark = EventSamples.full(MarketWatermark.class);

        SpecificRecord first = serde.deserializer().deserialize("t", serde.serializer().serialize("t", tick));
        SpecificRecord second = serde.deserializer().deserialize("t", serde.serializer().serialize("t", mark));

        assertThat(first).isInstanceOf(Tick.class).isEqualTo(tick);
        assertThat(second).isInstanceOf(MarketWatermark.class).isEqualTo(mark);
    }

    @Test
    void shouldRefuseToEncodeWhenTypeIsNotAMember() {
        assertThatThrownBy(() -> serde.serializer().serialize("market.ticks", EventSamples.full(Bar.class)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("carries Tick or MarketWatermark, not Bar");
    }

    @Test
    void shouldNameExpectedTypesWhenRecordIsAnotherEvent() {
        byte[] bar = AvroSerde.of(Bar.class).encode(EventSamples.full(Bar.class));

        assertThatThrownBy(() -> serde.deserializer().deserialize("market.ticks", bar))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown writer schema")
                .hasMessageContaining("expected one of Tick or MarketWatermark");
    }

    @Test
    void shouldFailClearlyWhenBytesHaveNoHeader() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("market.ticks", new byte[]{1, 2, 3}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no C3 01 header");
    }
}
