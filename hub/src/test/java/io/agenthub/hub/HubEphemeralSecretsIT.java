package io.agenthub.hub;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.agenthub.embedded.FreePorts;
import io.agenthub.embedded.LocalCluster;
import io.agenthub.testkit.api.HubApiClient;
import io.agenthub.testkit.hashkey.exchange.Account;
import io.agenthub.testkit.hashkey.exchange.HashKeyExchangePeer;
import io.agenthub.testkit.llm.LlmPeer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's first secret source end to end: a user creates a live agent with their HashKey and model keys only in
 * {@code X-Secret-*} headers of that one request. The agent trades with those keys on the HashKey protocol peer (not
 * with the other keys the user stored, which the headers outrank) and is advised by the model those keys open (not
 * the key the user stored); it is deleted. Afterwards no topic (every record of every topic, internal ones too),
 * no log line, no row of any database and no file under the system's data directory holds any of those keys.
 * (Agents here run in the shared processor pool; {@code DockerRuntimeIT} checks an agent's container environment.)
 */
class HubEphemeralSecretsIT {

    private static final String KEY = "eph-key-" + UUID.randomUUID();
    private static final String SECRET = "eph-secret-" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    private static final String STORED_KEY = "stored-key-" + UUID.randomUUID();
    private static final String STORED_SECRET = "stored-secret-" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    Path dataDir;

    @Test
    void shouldTradeWithHeaderOnlyKeysAndLeaveThemNowhereWhenALiveAgentIsCreatedWithThem() throws Exception {
        int apiPort = FreePorts.next();
        int kafkaPort = FreePorts.next();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try (HashKeyExchangePeer venue = new HashKeyExchangePeer(); LlmPeer model = new LlmPeer()) {
            Account headers = venue.account(KEY, SECRET);
            Account stored = venue.account(STORED_KEY, STORED_SECRET);
            headers.fund("USDT", new BigDecimal("100000"));
            stored.fund("USDT", new BigDecimal("100000"));
            venue.price("BTCUSDT", new BigDecimal("23000"));
            model.answer("{\"strategy_name\":\"z_score\",\"lookback\":20,\"threshold\":0.5,\"max_loss_pct\":1,\"reasoning\":\"ranging\"}");
            try (ConfigurableApplicationContext hub = ReplayHub.start(dataDir, apiPort, kafkaPort, Map.of(
                    "agenthub.gateway.live.hashkey.rest-url", venue.restBaseUrl().toString(),
                    "agenthub.gateway.live.hashkey.ws-url", venue.wsBaseUrl().toString(),
                    "agenthub.gateway.live.max-entry-age", "10m",
                    "agenthub.supervisor.llm.provider", "none",
                    "agenthub.supervisor.llm.base-urls.anthropic", model.baseUrl(LlmPeer.Wire.ANTHROPIC),
                    "logging.level.io.agenthub", "DEBUG",
                    "logging.level.org.springframework.web", "DEBUG"))) {
                // after the start: Spring Boot re-initialises logging when a context starts
                logs.start();
                root.addAppender(logs);
                HubApiClient trader = new HubApiClient("http://127.0.0.1:" + apiPort).register("ephemeral");
                // what the user stored: other HashKey keys, their model choice and a key the provider refuses
                for (Map.Entry<String, String> secret : Map.of("HASHKEY_API_KEY", STORED_KEY, "HASHKEY_SECRET", STORED_SECRET,
                        "LLM_PROVIDER", "anthropic", "ANTHROPIC_API_KEY", "sk-stored-and-refused").entrySet()) {
                    assertThat(trader.post("/api/secrets", Map.of("key_name", secret.getKey(), "value", secret.getValue())).status()).isEqualTo(200);
                }

                // the keys that count travel in this one request's headers
                HubApiClient.Response created = trader.withHeader("X-Secret-HASHKEY_API_KEY", KEY).withHeader("X-Secret-HASHKEY_SECRET", SECRET)
                        .withHeader("X-Secret-ANTHROPIC_API_KEY", LlmPeer.KEY)
                        .post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "z_score", "interval_seconds", 1, "live_mode", true,
                                "risk_params", Map.of("max_position_usd", 500, "stop_loss_pct", 1, "take_profit_pct", 1, "leverage", 1),
                                "planner", Map.of("enabled", true, "every_n_bars", 60)));
                trader.withoutHeader("X-Secret-HASHKEY_API_KEY").withoutHeader("X-Secret-HASHKEY_SECRET").withoutHeader("X-Secret-ANTHROPIC_API_KEY");
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                String id = created.field("id");

                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> !headers.fills().isEmpty());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> !trader.get("/api/agents/" + id + "/trades").json().path("items").isEmpty());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> java.util.stream.StreamSupport.stream(trader.get("/api/agents/" + id + "/decisions?limit=200").json()
                                .path("items").spliterator(), false)
                                .anyMatch(d -> d.path("provider").asString().equals("anthropic") && !d.path("fallback").asBoolean()));
                assertThat(headers.orders()).allSatisfy(order -> assertThat(order.clientOrderId()).startsWith(id + "-"));
                assertThat(stored.orders()).as("the stored keys are outranked by the request's").isEmpty();
                assertThat(model.requests(LlmPeer.Wire.ANTHROPIC)).as("the model was asked with the request's key").isNotEmpty();

                HubApiClient.Response deleted = trader.delete("/api/agents/" + id);
                if (deleted.status() == 409) {
                    deleted = trader.delete("/api/agents/" + id + "?close_position=true");
                }
                assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
                String bootstrap = "127.0.0.1:" + kafkaPort;
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> tombstoned(bootstrap, "agents.credentials", id));

                root.detachAppender(logs);
                List<byte[]> keys = Stream.of(KEY, SECRET, LlmPeer.KEY).map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
                // the scans find what is there: the agent's id is in every kind of place they look
                List<byte[]> agentId = List.of(id.getBytes(StandardCharsets.UTF_8));
                LocalCluster cluster = hub.getBean(LocalCluster.class);
                for (List<byte[]> needles : List.of(agentId, keys)) {
                    List<String> found = new ArrayList<>();
                    scanTopics(bootstrap, needles, found);
                    scanDatabases(cluster, needles, found);
                    scanLogs(logs, needles, found);
                    scanFiles(dataDir, needles, found);
                    if (needles == agentId) {
                        assertThat(found).as("the agent's id, found by each scan")
                                .anyMatch(place -> place.startsWith("topic agents.config"))
                                .anyMatch(place -> place.startsWith("table "))
                                .anyMatch(place -> place.startsWith("log line"))
                                .anyMatch(place -> place.startsWith("file "));
                    } else {
                        assertThat(found).as("where the request's keys were found").isEmpty();
                    }
                }
            } finally {
                root.detachAppender(logs);
            }
        }
    }

    private static boolean holds(byte[] haystack, List<byte[]> needles) {
        if (haystack == null) {
            return false;
        }
        for (byte[] needle : needles) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean tombstoned(String bootstrap, String topic, String agentId) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            for (ConsumerRecord<byte[], byte[]> record : readAll(consumer, Set.of(topic))) {
                if (record.value() == null && agentId.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConsumer<byte[], byte[]> consumer, Set<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private static void scanTopics(String bootstrap, List<byte[]> needles, List<String> leaks) throws Exception {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        }
        assertThat(topics).contains("agents.credentials", "orders.intents", "agents.config");
        int records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            for (ConsumerRecord<byte[], byte[]> record : readAll(consumer, topics)) {
                records++;
                boolean inHeaders = false;
                for (Header header : record.headers()) {
                    inHeaders |= holds(header.value(), needles) || holds(header.key().getBytes(StandardCharsets.UTF_8), needles);
                }
                if (holds(record.key(), needles) || holds(record.value(), needles) || inHeaders) {
                    leaks.add("topic " + record.topic() + "-" + record.partition() + "@" + record.offset());
                }
            }
        }
        assertThat(records).as("records scanned in %d topics", topics.size()).isGreaterThan(1000);
    }

    private static void scanDatabases(LocalCluster cluster, List<byte[]> needles, List<String> leaks) throws Exception {
        List<String> databases = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cluster.postgres().jdbcUrl("postgres")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate")) {
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
        }
        int rows = 0;
        for (String database : databases) {
            try (Connection c = DriverManager.getConnection(cluster.postgres().jdbcUrl(database)); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables "
                        + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                        while (rs.next()) {
                            rows++;
                            if (holds(rs.getString(1).getBytes(StandardCharsets.UTF_8), needles)) {
                                leaks.add("table " + database + "." + table);
                            }
                        }
                    }
                }
            }
        }
        assertThat(rows).as("rows scanned in %s", databases).isGreaterThan(100);
    }

    private static void scanLogs(ListAppender<ILoggingEvent> logs, List<byte[]> needles, List<String> leaks) {
        List<ILoggingEvent> events = new ArrayList<>(logs.list);
        assertThat(events).as("log lines of the API and the gateway scanned")
                .anyMatch(e -> e.getLoggerName().startsWith("io.agenthub.api"))
                .anyMatch(e -> e.getLoggerName().startsWith("io.agenthub.gateway"));
        for (ILoggingEvent event : events) {
            StringBuilder line = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                Arrays.stream(t.getStackTraceElementProxyArray()).forEach(e -> line.append(' ').append(e));
            }
            event.getMDCPropertyMap().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
            if (holds(line.toString().getBytes(StandardCharsets.UTF_8), needles)) {
                leaks.add("log line of " + event.getLoggerName() + ": " + event.getMessage());
            }
        }
    }

    /** Every file the system wrote: Kafka's segments, PostgreSQL's data and WAL, state stores, logs. */
    private static void scanFiles(Path dataDir, List<byte[]> needles, List<String> leaks) throws IOException {
        int files = 0;
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(path);
                } catch (IOException e) {
                    continue; // a file removed while walking (a segment compacted, a WAL recycled)
                }
                files++;
                if (holds(bytes, needles)) {
                    leaks.add("file " + dataDir.relativize(path));
                }
            }
        }
        assertThat(files).as("files scanned").isGreaterThan(50);
    }
}
