package io.agenthub.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.agenthub.core.ids.AgentId;
import io.agenthub.core.ids.UserId;
import io.agenthub.schemas.events.AgentCredentials;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.secrets.MasterKeys;
import io.agenthub.secrets.SecretOverrides;
import io.agenthub.secrets.SecretResolver;
import io.agenthub.secrets.TransportEnvelope;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.api.HubApiClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets: set as a value or as a client-sealed envelope, listed by name only, resolved ephemeral → agent → user →
 * environment, and never seen again — not in any response, log line, Kafka record, database column or exception.
 */
@EmbeddedClusterTest
class SecretsIT {

    private static final String CANARY = "CANARY-" + UUID.randomUUID();
    private static final String ENVELOPE_CANARY = "ENVELOPE-" + UUID.randomUUID();
    private static final String HEADER_CANARY = "HEADER-" + UUID.randomUUID();
    private static RunningApi api;
    private static TestCluster cluster;
    private static final List<HubApiClient.Response> responses = new ArrayList<>();
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void start(TestCluster testCluster) {
        cluster = testCluster;
        api = new RunningApi(cluster, Map.of("logging.level.org.springframework.web", "DEBUG",
                "logging.level.io.agenthub", "DEBUG"));
        // after the start: Spring Boot re-initialises logging when a context starts
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        api.close();
    }

    private static HubApiClient.Response keep(HubApiClient.Response response) {
        responses.add(response);
        return response;
    }

    @Test
    void shouldResolveSecretsInOrderAndNeverLeakThemWhenUsersSetAndUseThem() throws Exception {
        HubApiClient frank = api.client().register("frank");
        UserId owner = UserId.of(java.util.UUID.fromString(frank.userId()));

        // live trading needs HashKey keys: refused without, accepted once the user has them
        assertThat(keep(frank.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal", "live_mode", true))).status())
                .isEqualTo(422);
        assertThat(keep(frank.post("/api/secrets", Map.of("key_name", "HASHKEY_API_KEY", "value", CANARY))).status()).isEqualTo(200);
        HubApiClient.Response transportKey = keep(frank.get("/api/secrets/transport-key"));
        String envelope = TransportEnvelope.seal(transportKey.field("key_id"), Base64.getDecoder().decode(transportKey.field("public_key")),
                "HASHKEY_SECRET", ENVELOPE_CANARY);
        assertThat(keep(frank.post("/api/secrets", Map.of("key_name", "HASHKEY_SECRET", "encrypted_value", envelope))).status()).isEqualTo(200);
        HubApiClient.Response live = keep(frank.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal", "live_mode", true)));
        assertThat(live.status()).as(live.toString()).isEqualTo(201);
        AgentId agent = AgentId.of(live.field("id"));

        // listing shows names only
        HubApiClient.Response listed = keep(frank.get("/api/secrets"));
        assertThat(listed.json().findValuesAsString("key_name")).containsExactly("HASHKEY_API_KEY", "HASHKEY_SECRET");

        // resolution order: ephemeral → agent → user → environment
        SecretResolver resolver = api.bean(SecretResolver.class);
        assertThat(resolver.resolve("HASHKEY_SECRET", owner, agent, Map.of()).orElseThrow().value()).isEqualTo(ENVELOPE_CANARY);
        assertThat(keep(frank.post("/api/agents/" + agent + "/secrets", Map.of("key_name", "HASHKEY_SECRET", "value", CANARY + "-agent"))).status())
                .isEqualTo(200);
        assertThat(resolver.resolve("HASHKEY_SECRET", owner, agent, Map.of()).orElseThrow())
                .satisfies(r -> assertThat(r.source()).isEqualTo(SecretResolver.Source.AGENT))
                .satisfies(r -> assertThat(r.toString()).doesNotContain(CANARY));
        assertThat(resolver.resolve("HASHKEY_SECRET", owner, agent, Map.of("HASHKEY_SECRET", HEADER_CANARY)).orElseThrow().source())
                .isEqualTo(SecretResolver.Source.EPHEMERAL);
        assertThat(resolver.resolve("HASHKEY_SECRET", owner, AgentId.of("other-agent"), Map.of()).orElseThrow().source()).isEqualTo(SecretResolver.Source.USER);
        assertThat(resolver.resolve("PATH", owner, agent, Map.of()).orElseThrow().source()).isEqualTo(SecretResolver.Source.ENVIRONMENT);
        assertThat(resolver.resolve("OPENAI_API_KEY_UNSET_HERE", owner, agent, Map.of())).isEmpty();

        // an ephemeral header is enough for one request and is not stored
        HubApiClient grace = api.client().register("grace")
                .withHeader("X-Secret-HASHKEY_API_KEY", HEADER_CANARY).withHeader("X-Secret-HASHKEY_SECRET", HEADER_CANARY);
        HubApiClient.Response graces = keep(grace.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal", "live_mode", true)));
        assertThat(graces.status()).isEqualTo(201);
        assertThat(keep(grace.get("/api/secrets")).json()).isEmpty();
        // ... and reaches the services sealed, on agents.credentials, not through a table
        String graceAgent = graces.field("id");
        Topic<String, AgentCredentials> credentials = cluster.topics().agentsCredentials();
        AgentCredentials sent = cluster.readUntil(credentials, records -> records.stream().anyMatch(r -> r.key().equals(graceAgent)), Duration.ofSeconds(30))
                .stream().filter(r -> r.key().equals(graceAgent)).findFirst().orElseThrow().value();
        SecretOverrides held = SecretOverrides.openedWith(api.bean(MasterKeys.class));
        held.accept(AgentId.of(graceAgent), sent);
        UserId graceId = UserId.of(UUID.fromString(grace.userId()));
        assertThat(sent.getOwnerId()).isEqualTo(grace.userId());
        assertThat(held.value(graceId, AgentId.of(graceAgent), "HASHKEY_SECRET")).contains(HEADER_CANARY);
        assertThat(held.value(graceId, AgentId.of(graceAgent), "HASHKEY_API_KEY")).contains(HEADER_CANARY);
        assertThat(sent.getRevision()).isEqualTo(1);
        // a later request's headers replace them; the agent's deletion, once observed, ends them with a tombstone
        String rotated = HEADER_CANARY + "-rotated";
        assertThat(keep(grace.post("/api/agents/" + graceAgent + "/stop", null)).status()).isEqualTo(200);
        assertThat(keep(grace.withHeader("X-Secret-HASHKEY_SECRET", rotated).post("/api/agents/" + graceAgent + "/start", null)).status())
                .isEqualTo(200);
        List<AgentCredentials> replaced = cluster.readUntil(credentials, records -> records.stream().filter(r -> r.key().equals(graceAgent)).count() >= 2,
                Duration.ofSeconds(30)).stream().filter(r -> r.key().equals(graceAgent)).map(ConsumerRecord::value).toList();
        held.accept(AgentId.of(graceAgent), replaced.getLast());
        assertThat(held.value(graceId, AgentId.of(graceAgent), "HASHKEY_SECRET")).contains(rotated);
        assertThat(keep(grace.delete("/api/agents/" + graceAgent)).status()).isEqualTo(204);
        try (KafkaProducer<String, AgentStatus> status = cluster.producer(cluster.topics().agentsStatus())) {
            status.send(new ProducerRecord<>(cluster.topics().agentsStatus().name(), graceAgent, AgentStatus.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setEventTime(java.time.Instant.now()).setAgentId(graceAgent)
                    .setStatus(AgentState.DELETED).setConfigRevision(4).setReporter("processor").build())).get();
        }
        assertThat(cluster.readUntil(credentials, records -> records.stream().anyMatch(r -> r.key().equals(graceAgent) && r.value() == null),
                Duration.ofSeconds(30))).as("a tombstone ends them").anyMatch(r -> r.key().equals(graceAgent) && r.value() == null);

        // isolation: another user sees none of it
        HubApiClient mallory = api.client().register("mallory");
        assertThat(keep(mallory.get("/api/agents/" + agent + "/secrets")).status()).isEqualTo(404);
        assertThat(keep(mallory.delete("/api/secrets/HASHKEY_API_KEY")).status()).isEqualTo(404);
        assertThat(keep(frank.get("/api/secrets")).json()).hasSize(2);

        // bad requests that carry the canary get clear errors that do not repeat it
        assertThat(keep(frank.post("/api/secrets", Map.of("key_name", "lower case", "value", CANARY))).status()).isEqualTo(400);
        assertThat(keep(frank.post("/api/secrets", Map.of("key_name", "X", "value", CANARY, "encrypted_value", envelope))).status()).isEqualTo(400);
        assertThat(keep(frank.post("/api/secrets", Map.of("key_name", "X", "encrypted_value", CANARY))).field("detail")).isNotNull();
        assertThat(keep(frank.post("/api/secrets", Map.of("key_name", "X", "value", Map.of("nested", CANARY)))).status()).isEqualTo(400);
        assertThat(keep(frank.postRaw("/api/secrets", "{\"key_name\":\"X\",\"value\":\"" + CANARY + "\"", "application/json")).status())
                .isEqualTo(400);
        assertThat(keep(frank.post("/api/secrets", Map.of("key_name", "X", "value", CANARY, "extra", CANARY))).status()).isEqualTo(400);

        // deleting the agent deletes its overrides
        assertThat(keep(frank.delete("/api/agents/" + agent)).status()).isEqualTo(204);
        assertThat(resolver.resolve("HASHKEY_SECRET", owner, agent, Map.of()).orElseThrow().source()).isEqualTo(SecretResolver.Source.USER);
        assertThat(keep(frank.delete("/api/secrets/HASHKEY_API_KEY")).status()).isEqualTo(204);
        assertThat(keep(frank.get("/api/secrets")).json().findValuesAsString("key_name")).containsExactly("HASHKEY_SECRET");

        scanForLeaks();
    }

    private void scanForLeaks() throws Exception {
        Pattern leak = Pattern.compile(Pattern.quote(CANARY) + "|" + Pattern.quote(ENVELOPE_CANARY) + "|" + Pattern.quote(HEADER_CANARY));
        assertThat(responses).hasSizeGreaterThan(20);
        for (HubApiClient.Response response : responses) {
            assertThat(leak.matcher(response.text() + response.headers()).find()).as("response " + response.status()).isFalse();
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            StringBuilder line = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            lines.add(line.toString());
        }
        assertThat(lines).hasSizeGreaterThan(10);
        assertThat(lines.stream().filter(line -> leak.matcher(line).find()).toList()).isEmpty();

        int records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "group.id", "leak-scan-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Pattern.compile(Pattern.quote(cluster.namespace()) + "\\..*"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (records == 0 || emptyPolls < 2)) {
                var polled = consumer.poll(Duration.ofMillis(500));
                emptyPolls = polled.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    records++;
                    String text = (record.key() == null ? "" : new String(record.key(), StandardCharsets.ISO_8859_1))
                            + (record.value() == null ? "" : new String(record.value(), StandardCharsets.ISO_8859_1));
                    assertThat(leak.matcher(text).find()).as(record.topic()).isFalse();
                }
            }
        }
        assertThat(records).as("the agents' configurations were scanned").isGreaterThanOrEqualTo(3);

        DataSource db = api.bean(DataSource.class);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("secrets", "agents", "outbox", "users", "api_keys", "refresh_tokens")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] bytes = rs.getBytes(i);
                            String text = bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
                            assertThat(leak.matcher(text).find()).as(table).isFalse();
                        }
                    }
                }
            }
        }
    }
}
