package io.agenthub.kafka.streams;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A heartbeat for a container's health check ({@code agenthub.health-file}), for a service with no HTTP port: while the service is healthy the file
 * is rewritten every {@link #EVERY}; a check that finds it older than a minute finds the service unhealthy. No file
 * named: nothing is written.
 */
public final class HealthFile implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthFile.class);
    static final Duration EVERY = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer;

    private HealthFile(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static HealthFile start(String file, BooleanSupplier healthy) {
        if (file == null || file.isBlank()) {
            return new HealthFile(null);
        }
        Path path = Path.of(file);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("health-file").unstarted(r));
        timer.scheduleAtFixedRate(() -> {
            if (healthy.getAsBoolean()) {
                try {
                    Files.writeString(path, Instant.now().toString());
                } catch (IOException e) {
                    log.warn("cannot write the health file {}: {}", path, e.getMessage());
                }
            }
        }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        log.info("health heartbeat in {} every {} s while healthy", path, EVERY.toSeconds());
        return new HealthFile(timer);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
