package io.agenthub.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Serde for a topic that carries several event types in one partition order (for example {@code market.ticks}:
 * ticks and the watermarks that follow them). Single-object encoding makes every record self-describing: the
 * writer-schema fingerprint in its header says which type it is, so no wrapper record is needed.
 */
public final class AvroUnionSerde implements Serde<SpecificRecord> {

    private static final int HEADER_LENGTH = 10;

    private final List<AvroSerde<? extends SpecificRecord>> members;

    @SafeVarargs
    public AvroUnionSerde(Class<? extends SpecificRecord>... types) {
        this.members = List.of(types).stream().<AvroSerde<? extends SpecificRecord>>map(AvroSerde::of).toList();
    }

    public List<Class<? extends SpecificRecord>> types() {
        return members.stream().<Class<? extends SpecificRecord>>map(AvroSerde::type).toList();
    }

    @Override
    public Serializer<SpecificRecord> serializer() {
        return (topic, event) -> event == null ? null : member(event, topic).encode(event);
    }

    @Override
    public Deserializer<SpecificRecord> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> AvroSerde<T> member(SpecificRecord event, String topic) {
        for (AvroSerde<? extends SpecificRecord> member : members) {
            if (member.type() == event.getClass()) {
                return (AvroSerde<T>) member;
            }
        }
        throw new SerializationException("topic " + topic + " carries " + names() + ", not " + event.getClass().getSimpleName());
    }

    private SpecificRecord decode(String topic, byte[] bytes) {
        if (bytes.length < HEADER_LENGTH || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new SerializationException("topic " + topic + ": not a single-object-encoded " + names() + " ("
                    + bytes.length + " bytes, no C3 01 header)");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        for (AvroSerde<? extends SpecificRecord> member : members) {
            if (member.reads(fingerprint)) {
                try {
                    return member.decode(bytes);
                } catch (SerializationException e) {
                    throw new SerializationException("topic " + topic + ": " + e.getMessage(), e.getCause());
                }
            }
        }
        throw new SerializationException("topic " + topic + ": unknown writer schema (fingerprint "
                + Long.toHexString(fingerprint) + "); expected one of " + names());
    }

    private String names() {
        return members.stream().map(m -> m.type().getSimpleName()).collect(Collectors.joining(" or "));
    }
}
