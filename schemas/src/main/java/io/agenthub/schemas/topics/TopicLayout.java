package io.agenthub.schemas.topics;

/**
 * How topics are laid out on a cluster: partitions per key space (all agent-keyed topics share one count so that
 * they co-partition) and the replication factor. Partition counts are configuration, not code.
 */
public record TopicLayout(int symbolPartitions, int agentPartitions, short replicationFactor) {

    public TopicLayout {
        if (symbolPartitions < 1 || agentPartitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1, got "
                    + symbolPartitions + "/" + agentPartitions + "/" + replicationFactor);
        }
    }

    /** One broker: 3 symbol partitions, 6 agent partitions, replication 1. */
    public static TopicLayout singleBroker() {
        return new TopicLayout(3, 6, (short) 1);
    }

    public int partitionsOf(Topic<?, ?> topic) {
        return switch (topic.keySpace()) {
            case SYMBOL -> symbolPartitions;
            case AGENT -> agentPartitions;
        };
    }
}
