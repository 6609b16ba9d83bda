package io.agenthub.kafka.streams;

import io.agenthub.core.ids.AgentId;
import io.agenthub.schemas.topics.Topic;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Records of the agent key space (key = agent id) off the wire, checked: every consumer of agent topics reads them here. */
public final class AgentRecords {

    private AgentRecords() {
    }

    /**
     * The parser for a parse-or-dead-letter node: a record needs a key, a value of the topic's type (a tombstone has no
     * place: agents are deleted by a {@code DELETED} configuration), and a key equal to the agent id it carries, which
     * on a topic of the agent key space must be an {@link AgentId} (a projection of another key space, market bars by
     * symbol, checks its key the same way).
     */
    public static <V> RecordParser<String, V> parser(Topic<String, V> topic, Function<V, String> agentIdOf) {
        return (key, value) -> {
            if (key == null) {
                throw new IllegalArgumentException("record on " + topic.name() + " has no key; expected an agent id");
            }
            V event = topic.valueSerde().deserializer().deserialize(topic.name(), value);
            if (event == null) {
                throw new IllegalArgumentException("null value on " + topic.name() + " (agents are deleted by a DELETED configuration)");
            }
            String agentId = new String(key, StandardCharsets.UTF_8);
            if (topic.keySpace() == Topic.KeySpace.AGENT) {
                AgentId.of(agentId);
            }
            if (!agentId.equals(agentIdOf.apply(event))) {
                throw new IllegalArgumentException("record key '" + agentId + "' does not match its agent id '" + agentIdOf.apply(event) + "'");
            }
            return new RecordParser.Parsed<>(agentId, event);
        };
    }
}
