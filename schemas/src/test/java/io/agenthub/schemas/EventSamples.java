package io.agenthub.schemas;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds events with every field set (or every optional field null) by walking their schemas. */
final class EventSamples {

    private EventSamples() {
    }

    static <T extends SpecificRecord> T full(Class<T> type) {
        return type.cast(value(SpecificData.get().getSchema(type), "root", true, 1));
    }

    static <T extends SpecificRecord> T minimal(Class<T> type) {
        return type.cast(value(SpecificData.get().getSchema(type), "root", false, 2));
    }

    private static Object value(Schema schema, String name, boolean full, int seed) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return new BigDecimal("12345.67890123").add(BigDecimal.valueOf(seed)).setScale(decimal.getScale());
        }
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return Instant.ofEpochMilli(1_677_628_800_000L + seed);
        }
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), value(field.schema(), field.name(), full, seed + field.pos()));
                }
                yield record;
            }
            case UNION -> full
                    ? value(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow(), name, true, seed)
                    : null;
            case ENUM -> SpecificData.get().createEnum(schema.getEnumSymbols().get(seed % schema.getEnumSymbols().size()), schema);
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < (full ? 2 : 0); i++) {
                    list.add(value(schema.getElementType(), name, full, seed + i));
                }
                yield list;
            }
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                if (full) {
                    map.put(name + "-k", value(schema.getValueType(), name, true, seed));
                }
                yield map;
            }
            case STRING -> name + "-" + seed;
            case BYTES -> ByteBuffer.wrap(new byte[]{1, 2, (byte) seed});
            case INT -> seed;
            case LONG -> 1_000_000_000_000L + seed;
            case BOOLEAN -> seed % 2 == 0;
            default -> throw new IllegalArgumentException("no sample for " + schema.getType() + " at " + name);
        };
    }
}
