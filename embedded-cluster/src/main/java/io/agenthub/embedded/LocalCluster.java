package io.agenthub.embedded;

import io.agenthub.core.market.Timeframe;
import io.agenthub.kafka.topics.TopicProvisioner;
import io.agenthub.schemas.topics.TopicLayout;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A real Kafka broker and a real PostgreSQL started together, with the topic catalogue created: the one component
 * behind the local launcher ({@code hub}) and the integration-test extension ({@code testkit}).
 *
 * <p>Given a data directory it keeps everything there ({@code kafka/}, {@code postgres/}, {@code streams/}) and a
 * restart resumes; without one it uses a temporary directory and deletes it on close, Kafka Streams state included,
 * so that state never outlives its broker.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

    private final Path dataDir;
    private final boolean temporary;
    private final LocalKafka kafka;
    private final LocalPostgres postgres;
    private final TopicLayout layout;
    private final Duration startupTime;

    private LocalCluster(Path dataDir, boolean temporary, LocalKafka kafka, LocalPostgres postgres, TopicLayout layout,
                         Duration startupTime) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.kafka = kafka;
        this.postgres = postgres;
        this.layout = layout;
        this.startupTime = startupTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public LocalKafka kafka() {
        return kafka;
    }

    /** @throws IllegalStateException if the cluster was started without PostgreSQL */
    public LocalPostgres postgres() {
        if (postgres == null) {
            throw new IllegalStateException("this cluster was started without PostgreSQL");
        }
        return postgres;
    }

    public boolean hasPostgres() {
        return postgres != null;
    }

    public TopicLayout layout() {
        return layout;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Where Kafka Streams applications of this cluster keep their state (deleted with a temporary cluster). */
    public Path streamsStateDir() {
        return dataDir.resolve("streams");
    }

    /** Wall time from {@link Builder#start()} to both servers ready and topics created. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Creates the catalogue's topics that are missing; returns the names it created. */
    public List<String> provisionTopics(Topics topics, Collection<Timeframe> barTimeframes) {
        try (Admin admin = kafka.admin()) {
            return new TopicProvisioner(admin, layout).ensure(topics.all(barTimeframes));
        }
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        if (postgres != null) {
            runCollecting(postgres::close, failures);
        }
        runCollecting(kafka::close, failures);
        if (temporary) {
            runCollecting(() -> deleteRecursively(dataDir), failures);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void runCollecting(Runnable action, List<RuntimeException> failures) {
        try {
            action.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    public static final class Builder {
        private Path dataDir;
        private int kafkaPort;
        private int postgresPort;
        private boolean withPostgres = true;
        private TopicLayout layout = TopicLayout.singleBroker();
        private Topics topics;
        private Collection<Timeframe> barTimeframes = List.of(Timeframe.ONE_SECOND, Timeframe.ONE_MINUTE);
        private Map<String, String> kafkaOverrides = Map.of();

        private Builder() {
        }

        /** Keep state here across runs; without it a temporary directory is used and deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Kafka client port; 0 (the default) picks a free one. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** PostgreSQL port; 0 (the default) picks a free one. */
        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder withPostgres(boolean withPostgres) {
            this.withPostgres = withPostgres;
            return this;
        }

        public Builder layout(TopicLayout layout) {
            this.layout = layout;
            return this;
        }

        /** Create this catalogue's topics once the broker is up (none by default). */
        public Builder provision(Topics topics, Collection<Timeframe> barTimeframes) {
            this.topics = topics;
            this.barTimeframes = List.copyOf(barTimeframes);
            return this;
        }

        public Builder kafkaOverrides(Map<String, String> overrides) {
            this.kafkaOverrides = Map.copyOf(overrides);
            return this;
        }

        /** Starts Kafka and PostgreSQL side by side and returns when both are ready (and topics exist). */
        public LocalCluster start() {
            long started = System.nanoTime();
            boolean temporary = dataDir == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("agenthub-cluster-") : Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the cluster's data directory", e);
            }
            CompletableFuture<LocalPostgres> pg = withPostgres
                    ? CompletableFuture.supplyAsync(() -> LocalPostgres.start(dir.resolve("postgres"), postgresPort))
                    : CompletableFuture.completedFuture(null);
            LocalKafka kafka;
            try {
                kafka = LocalKafka.start(dir.resolve("kafka"), kafkaPort, kafkaOverrides);
            } catch (RuntimeException e) {
                pg.thenAccept(p -> {
                    if (p != null) {
                        p.close();
                    }
                });
                throw e;
            }
            LocalPostgres postgres;
            try {
                postgres = pg.join();
            } catch (CompletionException e) {
                kafka.close();
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
            LocalCluster cluster = new LocalCluster(dir, temporary, kafka, postgres, layout, Duration.ZERO);
            try {
                if (topics != null) {
                    cluster.provisionTopics(topics, barTimeframes);
                }
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info("local cluster ready in {} ms", took.toMillis());
            return new LocalCluster(dir, temporary, kafka, postgres, layout, took);
        }
    }
}
