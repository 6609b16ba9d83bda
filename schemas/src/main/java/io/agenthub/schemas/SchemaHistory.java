package io.agenthub.schemas;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The released versions of each event schema, kept as resources under
 * {@code io/agenthub/schemas/history/<RecordName>/v<N>.avsc} (fully resolved, named types inlined).
 *
 * <p>The serde registers every released version as a writer schema it can read, so data written by an older
 * release stays readable; {@code SchemaCompatibilityTest} proves each current schema can read every released one
 * and refuses a current schema that is not itself released.
 */
public final class SchemaHistory {

    private static final String ROOT = "/io/agenthub/schemas/history/";

    private SchemaHistory() {
    }

    /** Released versions of a record, oldest first; empty if none was released. */
    public static List<Schema> versions(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource(recordName, v))) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + resource(recordName, v), e);
            }
        }
    }

    public static String resource(String recordName, int version) {
        return ROOT + recordName + "/v" + version + ".avsc";
    }
}
