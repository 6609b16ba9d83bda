package io.agenthub.hub;

import io.agenthub.testkit.events.TestEvents;
import io.agenthub.core.market.Timeframe;
import io.agenthub.embedded.FreePorts;
import io.agenthub.embedded.LocalCluster;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.Bar;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.KafkaRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local launcher end to end: one start brings up the cluster, the topics, the database, the feed and the processor. */
class HubApplicationIT {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(int kafkaPort, int postgresPort) {
        return new SpringApplicationBuilder(HubApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        "agenthub.hub.data-dir", dataDir.toString(),
                        "agenthub.hub.kafka-port", kafkaPort,
                        "agenthub.hub.postgres-port", postgresPort,
                        "agenthub.ingest.feed", "replay",
                        "agenthub.ingest.replay.speed", "600"))
                .run();
    }

    @Test
    void shouldServeLiveBarsAndResumeWithoutDuplicatesWhenRestartedOnSameDataDirectory() throws Exception {
        int kafkaPort = FreePorts.next();
        int postgresPort = FreePorts.next();
        Topic<String, Bar> minuteBars = Topics.standard().marketBars(Timeframe.ONE_MINUTE);
        List<Bar> firstRun;

        try (ConfigurableApplicationContext hub = start(kafkaPort, postgresPort)) {
            LocalCluster cluster = hub.getBean(LocalCluster.class);
            assertThat(cluster.bootstrapServers()).isEqualTo("127.0.0.1:" + kafkaPort);
            try (Connection c = cluster.postgres().dataSource("agenthub").getConnection()) {
                assertThat(c.isValid(2)).isTrue();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> readAll(cluster.bootstrapServers(), minuteBars).size() >= 5);
            firstRun = readAll(cluster.bootstrapServers(), minuteBars);

            Topics topics = Topics.standard();
            AgentConfig config = TestEvents.config("hub-agent", "rsi_signal").build();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()),
                    topics.agentsConfig().keySerde().serializer(), topics.agentsConfig().valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topics.agentsConfig().name(), config.getAgentId(), config)).get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> readAll(cluster.bootstrapServers(), topics.agentsStatus()).stream()
                    .anyMatch(status -> status.getAgentId().equals("hub-agent") && status.getStatus() == AgentState.RUNNING));
        }

        try (ConfigurableApplicationContext hub = start(kafkaPort, postgresPort)) {
            String bootstrap = hub.getBean(LocalCluster.class).bootstrapServers();
            await().atMost(Duration.ofSeconds(60)).until(() -> readAll(bootstrap, minuteBars).size() >= firstRun.size() + 5);
            List<Bar> all = readAll(bootstrap, minuteBars);

            assertThat(all.subList(0, firstRun.size())).as("history survives the restart").isEqualTo(firstRun);
            Set<Long> openTimes = new HashSet<>();
            for (Bar bar : all) {
                assertThat(openTimes.add(bar.getOpenTime().toEpochMilli())).as("one bar per minute: %s", bar.getOpenTime()).isTrue();
                assertThat(bar.getTickCount()).as("a whole candle per bar: %s", bar.getOpenTime()).isEqualTo(4);
            }
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).getOpenTime()).as("no gap").isEqualTo(all.get(i - 1).getCloseTime());
            }
        }
    }

    private static <V> List<V> readAll(String bootstrap, Topic<String, V> topic) {
        return KafkaRecords.readToEnd(bootstrap, topic, Duration.ofSeconds(10));
    }
}
