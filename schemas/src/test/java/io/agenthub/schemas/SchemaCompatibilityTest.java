package io.agenthub.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event's current schema reads data written with every released version (backward compatibility), and is
 * itself released: a schema change without a new history entry fails here, naming the file to add.
 */
class SchemaCompatibilityTest {

    @TestFactory
    Stream<DynamicTest> shouldReadEveryReleasedVersionWhenSchemaEvolves() {
        return Events.ALL.stream().flatMap(type -> {
            Schema current = SpecificData.get().getSchema(type);
            List<Schema> released = SchemaHistory.versions(current.getName());
            return Stream.concat(
                    Stream.of(DynamicTest.dynamicTest(current.getName() + " has released versions",
                            () -> assertThat(released).as("history of %s", current.getName()).isNotEmpty())),
                    released.stream().map(old -> DynamicTest.dynamicTest(
                            current.getName() + " reads v" + (released.indexOf(old) + 1), () -> {
                                var result = SchemaCompatibility.checkReaderWriterCompatibility(current, old);
                                assertThat(result.getType())
                                        .as("%s cannot read its v%d: %s", current.getName(), released.indexOf(old) + 1,
                                                result.getResult().getIncompatibilities())
                                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
                            })));
        });
    }

    @TestFactory
    Stream<DynamicTest> shouldBeReleasedWhenSchemaIsCurrent() {
        return Events.ALL.stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            Schema current = SpecificData.get().getSchema(type);
            List<Schema> released = SchemaHistory.versions(current.getName());
            long fingerprint = SchemaNormalization.parsingFingerprint64(current);
            assertThat(released.stream().map(SchemaNormalization::parsingFingerprint64))
                    .as("the current %s schema is not in its history: after checking compatibility, record it as %s "
                                    + "(run io.agenthub.schemas.ReleaseSchemas)",
                            current.getName(), SchemaHistory.resource(current.getName(), released.size() + 1))
                    .contains(fingerprint);
        }));
    }

    @TestFactory
    Stream<DynamicTest> shouldCarryEventIdTimeAndCauseWhenEventIsTopLevel() {
        return Events.ALL.stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            Schema schema = SpecificData.get().getSchema(type);
            assertThat(schema.getField("eventId").schema().getType()).isEqualTo(Schema.Type.STRING);
            assertThat(schema.getField("eventTime").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
            assertThat(schema.getField("causationId").schema().isNullable()).isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> shouldNeverUseFloatingPointWhenFieldIsANumber() {
        return Events.ALL.stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () ->
                assertThat(floatingPointFields(SpecificData.get().getSchema(type), type.getSimpleName())).isEmpty()));
    }

    private static List<String> floatingPointFields(Schema schema, String path) {
        return switch (schema.getType()) {
            case FLOAT, DOUBLE -> List.of(path);
            case RECORD -> schema.getFields().stream()
                    .flatMap(f -> floatingPointFields(f.schema(), path + "." + f.name()).stream()).toList();
            case UNION -> schema.getTypes().stream().flatMap(s -> floatingPointFields(s, path).stream()).toList();
            case ARRAY -> floatingPointFields(schema.getElementType(), path + "[]");
            case MAP -> floatingPointFields(schema.getValueType(), path + "{}");
            default -> List.of();
        };
    }

}
