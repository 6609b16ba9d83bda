package io.agenthub.api.outbox;

import io.agenthub.api.app.ApiProperties;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the outbox to Kafka: a Debezium embedded engine streams the inserts into {@code outbox} from PostgreSQL's
 * write-ahead log (logical replication, {@code pgoutput}, a slot and publication of its own) and sends each row's
 * payload to the topic it names, keyed by its aggregate id, with the event id in an {@code event_id} header.
 *
 * <p>At least once: offsets are committed only after Kafka acknowledged the batch, so a crash in between sends a
 * row again; consumers de-duplicate by event id (and the processors ignore configuration revisions they have).
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    public static final String EVENT_ID_HEADER = "event_id";
    private static final Duration RESTART_DELAY = Duration.ofSeconds(5);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final ApiProperties properties;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final AtomicLong published = new AtomicLong();
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile ExecutorService executor;
    private volatile boolean running;
    private final CountDownLatch streaming = new CountDownLatch(1);
    private volatile Throwable failure;

    public OutboxRelay(ApiProperties properties, String jdbcUrl, String user, String password) {
        this.properties = properties;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password == null ? "" : password;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        producer = new KafkaProducer<>(producerSettings(), new StringSerializer(), new ByteArraySerializer());
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        executor.execute(this::runUntilStopped);
        awaitStreaming();
        log.info("outbox relay started (slot {}, publication {})", properties.outbox().slot(), properties.outbox().publication());
    }

    /** Runs the engine; when it fails (Kafka away too long, PostgreSQL restarting) starts it again from its offsets. */
    private void runUntilStopped() {
        while (running) {
            DebeziumEngine<RecordChangeEvent<SourceRecord>> current = DebeziumEngine.create(ChangeEventFormat.of(io.debezium.embedded.Connect.class))
                    .using(engineSettings())
                    .notifying(this::publish)
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            streaming.countDown();
                        }
                    })
                    .using((success, message, error) -> {
                        if (!success) {
                            failure = error != null ? error : new IllegalStateException(message);
                        }
                        if (!success && running) {
                            log.error("the outbox relay failed and restarts in {} ms: {}", RESTART_DELAY.toMillis(), message, error);
                        }
                    })
                    .build();
            engine = current;
            if (!running) {
                return;
            }
            current.run();
            if (running) {
                try {
                    Thread.sleep(RESTART_DELAY);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Waits until the connector streams, so its slot exists: with {@code snapshot.mode=no_data} a change committed
     * before the slot is created would never be published, so nothing may write to the outbox before that.
     */
    private void awaitStreaming() {
        try {
            if (!streaming.await(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                stop();
                throw new IllegalStateException("the outbox relay did not start streaming from PostgreSQL within "
                        + STARTUP_TIMEOUT.toSeconds() + " s" + (failure == null ? "" : ": " + failure.getMessage()), failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the outbox relay started", e);
        }
    }

    /** Before the web server (which starts in a late phase) accepts requests, and stopped after it. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void publish(List<RecordChangeEvent<SourceRecord>> events,
                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (RecordChangeEvent<SourceRecord> event : events) {
            ProducerRecord<String, byte[]> record = toRecord(event.record());
            if (record != null) {
                sent.add(producer.send(record));
            }
        }
        for (Future<RecordMetadata> future : sent) {
            await(future);
        }
        for (RecordChangeEvent<SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        published.addAndGet(sent.size());
    }

    /** The Kafka record for an outbox insert; {@code null} for what is not one (deletes, heartbeats). */
    static ProducerRecord<String, byte[]> toRecord(SourceRecord change) {
        if (!(change.value() instanceof Struct value) || value.schema().field("op") == null) {
            return null;
        }
        String op = value.getString("op");
        if (!"c".equals(op) && !"r".equals(op)) {
            return null;
        }
        Struct row = value.getStruct("after");
        Object payload = row.get("payload");
        byte[] bytes = payload instanceof ByteBuffer buffer ? Utils.toArray(buffer) : (byte[]) payload;
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.getString("topic"), row.getString("aggregate_id"), bytes);
        record.headers().add(EVENT_ID_HEADER, row.get("id").toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private void await(Future<RecordMetadata> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            // The producer retried until delivery.timeout.ms; failing the batch stops the engine without committing,
            // so these rows are read again when the relay restarts.
            throw new IllegalStateException("could not publish an outbox event: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private Properties engineSettings() {
        Properties url = Driver.parseURL(jdbcUrl, null);
        if (url == null) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + jdbcUrl.replaceAll("password=[^&]*", "password=***"));
        }
        ApiProperties.Outbox outbox = properties.outbox();
        Properties p = new Properties();
        p.setProperty("name", "agenthub-outbox-" + outbox.slot());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", JdbcOffsetStore.class.getName());
        p.setProperty(JdbcOffsetStore.URL, jdbcUrl);
        p.setProperty(JdbcOffsetStore.USER, user);
        p.setProperty(JdbcOffsetStore.PASSWORD, password);
        p.setProperty(JdbcOffsetStore.RELAY, outbox.slot());
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("database.hostname", url.getProperty("PGHOST", "localhost"));
        p.setProperty("database.port", url.getProperty("PGPORT", "5432"));
        p.setProperty("database.user", user);
        p.setProperty("database.password", password);
        p.setProperty("database.dbname", url.getProperty("PGDBNAME"));
        p.setProperty("topic.prefix", "agenthub_outbox");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", outbox.slot());
        p.setProperty("slot.drop.on.stop", Boolean.toString(outbox.dropSlotOnStop()));
        p.setProperty("publication.name", outbox.publication());
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", "public.outbox");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("poll.interval.ms", Long.toString(outbox.pollInterval().toMillis()));
        p.setProperty("errors.max.retries", "-1");
        return p;
    }

    private Map<String, Object> producerSettings() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, properties.kafka().applicationId() + "-outbox-relay",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis());
    }

    /** Events published since start. */
    public long published() {
        return published.get();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
            if (current != null) {
                current.close();
            }
            executor.shutdown();
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("the outbox relay did not stop within 30 s");
            }
        } catch (Exception e) {
            log.warn("the outbox relay did not stop cleanly: {}", e.toString());
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
        log.info("outbox relay stopped after publishing {} events", published.get());
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
