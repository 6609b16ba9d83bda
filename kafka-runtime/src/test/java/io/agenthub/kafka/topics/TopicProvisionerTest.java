package io.agenthub.kafka.topics;

import io.agenthub.core.market.Timeframe;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.TopicLayout;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicProvisionerTest {

    private final List<Timeframe> timeframes = List.of(Timeframe.ONE_MINUTE, Timeframe.ONE_SECOND);

    @Test
    void shouldGiveEveryAgentTopicTheSamePartitionCountWhenLaidOut() {
        TopicLayout layout = new TopicLayout(2, 8, (short) 1);
        TopicProvisioner provisioner = new TopicProvisioner(null, layout);

        List<NewTopic> agentTopics = Topics.standard().all(timeframes).stream()
                .filter(t -> t.keySpace() == Topic.KeySpace.AGENT).map(provisioner::newTopic).toList();
        NewTopic ticks = provisioner.newTopic(Topics.standard().marketTicks());
        NewTopic config = provisioner.newTopic(Topics.standard().agentsConfig());

        assertThat(agentTopics).extracting(NewTopic::numPartitions).containsOnly(8);
        assertThat(ticks.numPartitions()).isEqualTo(2);
        assertThat(ticks.configs()).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "604800000");
        assertThat(config.configs()).containsEntry("cleanup.policy", "compact");
    }
}
