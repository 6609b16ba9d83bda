package io.agenthub.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Records the current schema of every event that changed as its next released version under
 * {@code schemas/src/main/resources/io/agenthub/schemas/history/}. Run it when a release changes a schema (after
 * {@code SchemaCompatibilityTest} says which one), from the project root:
 * <pre>
 * ./mvnw -q -pl schemas test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.agenthub.schemas.ReleaseSchemas
 * </pre>
 */
public final class ReleaseSchemas {

    private ReleaseSchemas() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/main/resources/io/agenthub/schemas/history");
        for (Class<? extends SpecificRecord> type : Events.ALL) {
            Schema current = SpecificData.get().getSchema(type);
            List<Schema> released = SchemaHistory.versions(current.getName());
            long fingerprint = SchemaNormalization.parsingFingerprint64(current);
            boolean known = released.stream().anyMatch(s -> SchemaNormalization.parsingFingerprint64(s) == fingerprint);
            if (!known) {
                Path file = root.resolve(current.getName()).resolve("v" + (released.size() + 1) + ".avsc");
                Files.createDirectories(file.getParent());
                Files.writeString(file, current.toString(true) + System.lineSeparator());
                System.out.println("released " + file);
            }
        }
    }
}
