package io.agenthub.core.market;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the real BTC/USDT one-minute candles that ship beside the project ({@code ../shared/data/}) rather than in
 * it. Looked up, first match wins: the system property {@code agenthub.shared.dir}, the environment variable
 * {@code AGENTHUB_SHARED_DIR}, then {@code shared/} next to the working directory or any of its parents.
 */
public final class BundledDataset {

    public static final String FILE_NAME = "BTCUSDT-1m-2023-03-01_21.csv";
    public static final Symbol SYMBOL = new Symbol("BTC", "USDT");
    public static final int CANDLES = 30_240;

    private BundledDataset() {
    }

    public static Optional<Path> find() {
        for (Path dir : candidateSharedDirs()) {
            Path file = dir.resolve("data").resolve(FILE_NAME);
            if (Files.isReadable(file)) {
                return Optional.of(file.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** The dataset, or an exception that says where it was looked for and how to point at it. */
    public static Path require() {
        return find().orElseThrow(() -> new IllegalStateException(
                "the bundled dataset " + FILE_NAME + " was not found; looked in " + candidateSharedDirs()
                        + ". Set -Dagenthub.shared.dir or AGENTHUB_SHARED_DIR to the directory that holds data/" + FILE_NAME));
    }

    static List<Path> candidateSharedDirs() {
        List<Path> dirs = new ArrayList<>();
        String property = System.getProperty("agenthub.shared.dir");
        if (property != null && !property.isBlank()) {
            dirs.add(Path.of(property));
        }
        String env = System.getenv("AGENTHUB_SHARED_DIR");
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            dirs.add(dir.resolve("shared"));
        }
        return dirs;
    }
}
