package io.agenthub.schemas.topics;

import io.agenthub.core.market.Timeframe;
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
}
