package io.agenthub.schemas.topics;

import io.agenthub.core.market.Timeframe;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    private final List<Timeframe> timeframes = List.of(Timeframe.ONE_MINUTE, Timeframe.ONE_SECOND);

    @Test
    void shouldListEveryContractTopicWithItsDeadLetterTopicWhenAskedForAll() {
        List<String> names = Topics.standard().all(timeframes).stream().map(Topic::name).toList();

        assertThat(names).contains("market.ticks", "market.bars.1s", "market.bars.1m",
                "agents.config", "agents.credentials", "agents.status", "agents.plans", "advisor.requests", "risk.adjustments",
                "orders.intents", "orders.executions", "positions.events", "agents.logs", "agents.decisions",
                "market.ticks.dlq", "agents.config.dlq", "orders.executions.dlq");
        assertThat(names).doesNotContain("agents.credentials.dlq").doesNotHaveDuplicates().hasSize(27);
    }

    @Test
    void shouldPrefixEveryNameWhenCatalogueIsNamespaced() {
        Topics topics = Topics.withPrefix("t42.");

        assertThat(topics.all(timeframes)).allSatisfy(t -> assertThat(t.name()).startsWith("t42."));
        assertThat(topics.deadLetters(topics.marketTicks()).name()).isEqualTo("t42.market.ticks.dlq");
    }

    @Test
    void shouldRejectPrefixWhenItCannotBeATopicName() {
        assertThatThrownBy(() -> Topics.withPrefix("bad prefix")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.withPrefix("nodot")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCompactOnlyStateTopicsWhenLaidOut() {
        List<String> compacted = Topics.standard().all(timeframes).stream().filter(Topic::compacted).map(Topic::name).toList();

        assertThat(compacted).containsExactlyInAnyOrder("agents.config", "agents.credentials", "agents.status", "agents.plans");
    }

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
