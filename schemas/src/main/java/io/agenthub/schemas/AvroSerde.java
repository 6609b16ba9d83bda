package io.agenthub.schemas;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Kafka serde for the generated event classes, in Avro <em>single-object encoding</em>: a two-byte marker
 * {@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the writer schema, then the Avro binary body.
 *
 * <p>No schema registry: every consumer knows the current schema and every released version (from
 * {@link SchemaHistory}), so it resolves a record written by any release into the current class. A record with an
 * unknown fingerprint or a corrupt body fails with a {@link SerializationException} that names the topic and the
 * expected type; callers send such records to a dead-letter topic.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private static final ConcurrentMap<Class<?>, AvroSerde<?>> CACHE = new ConcurrentHashMap<>();
    private static final Set<String> TRUSTED = new HashSet<>();

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final Set<Long> readableFingerprints = new HashSet<>();

    private AvroSerde(Class<T> type) {
        trust(type.getPackageName());
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        readableFingerprints.add(SchemaNormalization.parsingFingerprint64(schema));
        for (Schema released : SchemaHistory.versions(schema.getName())) {
            decoder.addSchema(released);
            readableFingerprints.add(SchemaNormalization.parsingFingerprint64(released));
        }
    }

    /** Whether a record written with this writer-schema fingerprint decodes into this serde's type. */
    public boolean reads(long fingerprint) {
        return readableFingerprints.contains(fingerprint);
    }

    public Class<T> type() {
        return type;
    }

    /** The (shared, thread-safe) serde of an event class. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return (AvroSerde<T>) CACHE.computeIfAbsent(type, t -> new AvroSerde<>(type));
    }

    /**
     * Avro 1.12 only instantiates classes from trusted packages when it resolves schemas. The package of a class a
     * serde is made for is ours (generated from our schemas), so it is trusted here rather than through a system
     * property every JVM would need.
     */
    private static synchronized void trust(String packageName) {
        String prefix = packageName + ".";
        ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!TRUSTED.add(prefix)) {
            return;
        }
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current,
                clazz -> clazz.getName().startsWith(prefix)));
    }

    public Schema schema() {
        return schema;
    }

    public byte[] encode(T event) {
        try {
            ByteBuffer buffer = encoder.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public T decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("not a single-object-encoded " + type.getSimpleName()
                    + " (" + bytes.length + " bytes): " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, event) -> event == null ? null : encodeFor(topic, event);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decodeFrom(topic, bytes);
    }

    private byte[] encodeFor(String topic, T event) {
        try {
            return encode(event);
        } catch (SerializationException e) {
            throw new SerializationException("topic " + topic + ": " + e.getMessage(), e.getCause());
        }
    }

    private T decodeFrom(String topic, byte[] bytes) {
        try {
            return decode(bytes);
        } catch (SerializationException e) {
            throw new SerializationException("topic " + topic + ": " + e.getMessage(), e.getCause());
        }
    }

    @Override
    public String toString() {
        return "AvroSerde[" + type.getName() + "]";
    }
}
