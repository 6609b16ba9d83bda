package io.agenthub.embedded;

import io.agenthub.core.market.Timeframe;
import io.agenthub.kafka.topics.TopicProvisioner;
import io.agenthub.schemas.topics.TopicLayout;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalClusterIT {

    private static final List<Timeframe> BARS = List.of(Timeframe.ONE_SECOND, Timeframe.ONE_MINUTE);

    @Test
    void shouldResumeTopicsRecordsAndTablesWhenRestartedOnSameDataDir(@TempDir Path data) throws Exception {
        Topics topics = Topics.standard();
        try (LocalCluster cluster = LocalCluster.builder().dataDir(data).provision(topics, BARS).start()) {
            assertThat(cluster.postgres().setting("wal_level")).isEqualTo("logical");
            produce(cluster.bootstrapServers(), topics.agentsLogs().name(), "a1", "before restart");
            try (Connection c = cluster.postgres().dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE survivor (id int primary key)");
                s.execute("INSERT INTO survivor VALUES (42)");
            }
        }

        try (LocalCluster cluster = LocalCluster.builder().dataDir(data).provision(topics, BARS).start()) {
            assertThat(consumeAll(cluster.bootstrapServers(), topics.agentsLogs().name())).containsExactly("before restart");
            try (Connection c = cluster.postgres().dataSource("postgres").getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM survivor")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
        assertThat(data.resolve("kafka/meta.properties")).exists();
    }

    @Test
    void shouldCreateCatalogueWithLayoutAndRetentionWhenProvisioned() throws Exception {
        Topics topics = Topics.withPrefix("layout.");
        try (LocalCluster cluster = LocalCluster.builder().withPostgres(false)
                .layout(new TopicLayout(2, 4, (short) 1)).provision(topics, BARS).start();
             Admin admin = cluster.kafka().admin()) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains("layout.market.ticks", "layout.market.bars.1m", "layout.agents.config",
                    "layout.orders.intents.dlq");

            Map<String, TopicDescription> d = admin.describeTopics(List.of("layout.market.ticks", "layout.orders.intents")).allTopicNames().get();
            assertThat(d.get("layout.market.ticks").partitions()).hasSize(2);
            assertThat(d.get("layout.orders.intents").partitions()).hasSize(4);

            var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "layout.agents.config")))
                    .all().get().values().iterator().next();
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");

            assertThat(cluster.provisionTopics(topics, BARS)).as("second provisioning creates nothing").isEmpty();
        }
    }

    @Test
    void shouldRefuseExistingTopicWhenItsPartitionCountBreaksCoPartitioning() {
        Topics topics = Topics.withPrefix("wrong.");
        try (LocalCluster cluster = LocalCluster.builder().withPostgres(false).layout(new TopicLayout(1, 2, (short) 1))
                .provision(topics, BARS).start()) {
            try (Admin admin = cluster.kafka().admin()) {
                var relaid = new TopicProvisioner(admin, new TopicLayout(1, 3, (short) 1));

                assertThatThrownBy(() -> relaid.ensure(topics.all(BARS)))
                        .hasMessageContaining("co-partitioning")
                        .hasMessageContaining("wrong.agents.config has 2 partitions, its key space needs 3");
            }
        }
    }

    @Test
    void shouldDeleteTemporaryDataWhenClosed() {
        Path dir;
        try (LocalCluster cluster = LocalCluster.builder().withPostgres(false).start()) {
            dir = cluster.dataDir();
            assertThat(Files.isDirectory(dir.resolve("kafka"))).isTrue();
        }
        assertThat(dir).doesNotExist();
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "verify-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 15_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
