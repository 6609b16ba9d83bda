package io.agenthub.kafka;

import java.nio.file.Path;

/**
 * Where and as whom a service of the hub meets Kafka: the one settings record every service binds its
 * {@code agenthub.<service>.kafka.*} properties to. What is not given takes the default; a value that cannot work is
 * refused with its name.
 *
 * @param bootstrapServers  the brokers (default {@value #DEFAULT_BOOTSTRAP_SERVERS})
 * @param topicPrefix       before every topic name, to run several hubs on one cluster (default none)
 * @param applicationId     the Streams application id or the consumer group, and the stem of the service's client and
 *                          transactional ids; blank: the service's own ({@link #orApplicationId})
 * @param stateDir          where a Streams service keeps its state stores (default {@value #DEFAULT_STATE_DIR})
 * @param replicationFactor of the topics a Streams service creates for itself (default 1)
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, String applicationId, Path stateDir, Integer replicationFactor) {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String DEFAULT_STATE_DIR = ".hub-data/streams";

    public KafkaSettings {
        bootstrapServers = bootstrapServers == null ? DEFAULT_BOOTSTRAP_SERVERS : bootstrapServers.strip();
        if (bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("kafka.bootstrap-servers must not be blank");
        }
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        applicationId = applicationId == null ? "" : applicationId.strip();
        stateDir = stateDir == null ? Path.of(DEFAULT_STATE_DIR) : stateDir;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("kafka.replication-factor must be at least 1, got " + replicationFactor);
        }
    }

    /** Settings of a service that only produces and consumes (no state stores, no topics of its own). */
    public static KafkaSettings of(String bootstrapServers, String topicPrefix, String applicationId) {
        return new KafkaSettings(bootstrapServers, topicPrefix, applicationId, null, null);
    }

    /** These settings, with {@code serviceDefault} as the application id where none is given. */
    public KafkaSettings orApplicationId(String serviceDefault) {
        return applicationId.isEmpty() ? new KafkaSettings(bootstrapServers, topicPrefix, serviceDefault, stateDir, replicationFactor) : this;
    }
}
