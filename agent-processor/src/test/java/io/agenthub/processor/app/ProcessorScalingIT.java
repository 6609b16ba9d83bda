package io.agenthub.processor.app;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.kafka.KafkaSettings;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.events.TestEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the shared pool divide the agents between them by partition; when one is stopped the other takes its
 * partitions over, state from the changelogs, and every agent keeps being evaluated on every tick.
 */
@EmbeddedClusterTest
class ProcessorScalingIT {

    private static ProcessorProperties replica(TestCluster cluster, String appId, String name) {
        return new ProcessorProperties(new KafkaSettings(cluster.bootstrapServers(), cluster.namespace() + ".", appId,
                cluster.stateDir(name), 1), "", 1, Duration.ofMillis(50), Duration.ofMillis(10), new BigDecimal("10000"), 64, false, name, 100_000, org.springframework.util.unit.DataSize.ofMegabytes(64), Duration.ofDays(3));
    }

    @Test
    void shouldShareTheAgentsAndKeepEveryOneTradingWhenOneOfTwoReplicasStops(TestCluster cluster) throws Exception {
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE).subList(0, 200);
        List<String> agents = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel");
        Topics topics = cluster.topics(); // provisioned before the replicas look for their partitions
        String appId = cluster.applicationId("scaled");
        double perCandle = agents.size() * 5.0;
        try (AgentProcessor first = AgentProcessor.start(replica(cluster, appId, "replica-1"));
             AgentProcessor second = AgentProcessor.start(replica(cluster, appId, "replica-2"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING);
            try (KafkaProducer<String, AgentConfig> configs = cluster.producer(topics.agentsConfig())) {
                agents.forEach(id -> configs.send(new ProducerRecord<>(topics.agentsConfig().name(), id, TestEvents.config(id, "rsi_signal").build())));
                configs.flush();
            }
            AgentProcessorIT.replay(cluster, candles.subList(0, 100));
            await().atMost(Duration.ofSeconds(60)).until(() -> first.evaluations() + second.evaluations() >= perCandle * 100);
            assertThat(first.evaluations()).as("the first replica has agents of its own").isPositive();
            assertThat(second.evaluations()).as("so has the second").isPositive();
            assertThat(first.evaluations() + second.evaluations()).as("every agent on every tick, once").isEqualTo(perCandle * 100);

            first.close();
            double before = second.evaluations();
            AgentProcessorIT.replay(cluster, candles.subList(100, 200));
            await().atMost(Duration.ofSeconds(90)).until(() -> second.evaluations() - before >= perCandle * 100);
            assertThat(second.evaluations() - before).as("the remaining replica evaluates every agent on every new tick")
                    .isGreaterThanOrEqualTo(perCandle * 100);
        }
    }
}
