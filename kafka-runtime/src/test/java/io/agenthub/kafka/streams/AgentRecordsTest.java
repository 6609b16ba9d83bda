package io.agenthub.kafka.streams;

import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records of the agent key space: what is not keyed by an agent id is refused (and so dead-lettered) with the reason. */
class AgentRecordsTest {

    private final Topic<String, AgentStatus> topic = Topics.standard().agentsStatus();
    private final RecordParser<String, AgentStatus> parser = AgentRecords.parser(topic, AgentStatus::getAgentId);

    private byte[] status(String agentId) {
        return topic.valueSerde().serializer().serialize(topic.name(), AgentStatus.newBuilder().setEventId("e1").setEventTime(Instant.EPOCH)
                .setAgentId(agentId).setStatus(AgentState.RUNNING).setConfigRevision(1).setReporter("test").build());
    }

    @Test
    void shouldTakeTheRecordWhenItsKeyIsTheAgentIdItCarries() throws Exception {
        assertThat(parser.parse("a-1".getBytes(StandardCharsets.UTF_8), status("a-1")).key()).isEqualTo("a-1");
    }

    @Test
    void shouldRefuseTheRecordWhenItsKeyCannotBeAnAgentId() {
        assertThatThrownBy(() -> parser.parse("a b".getBytes(StandardCharsets.UTF_8), status("a b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent id");
        assertThatThrownBy(() -> parser.parse("a-1".getBytes(StandardCharsets.UTF_8), status("a-2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }
}
