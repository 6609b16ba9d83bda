package io.agenthub.hub;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.util.List;

/**
 * The local launcher's settings ({@code agenthub.hub.*}; environment {@code AGENTHUB_HUB_DATA_DIR}, ...).
 *
 * @param dataDir          where Kafka, PostgreSQL and Kafka Streams keep their state between runs
 * @param kafkaPort        Kafka client port on 127.0.0.1
 * @param postgresPort     PostgreSQL port on 127.0.0.1
 * @param database         the hub's database (created if missing)
 * @param symbolPartitions partitions of symbol-keyed topics
 * @param agentPartitions  partitions of agent-keyed topics (all of them: they co-partition)
 * @param barTimeframes    bar topics to create ({@code market.bars.<tf>})
 * @param apiPort          the API's port, printed once the API module serves it
 * @param managementPort   the API's metrics and actuator, on 127.0.0.1 only (0: any free port)
 */
@Validated
@ConfigurationProperties(prefix = "agenthub.hub", ignoreUnknownFields = false)
public record HubProperties(
        @NotNull @DefaultValue(".hub-data") Path dataDir,
        @Min(1024) @Max(65535) @DefaultValue("9092") int kafkaPort,
        @Min(1024) @Max(65535) @DefaultValue("5433") int postgresPort,
        @NotEmpty @DefaultValue("agenthub") String database,
        @Min(1) @Max(64) @DefaultValue("3") int symbolPartitions,
        @Min(1) @Max(256) @DefaultValue("6") int agentPartitions,
        @NotEmpty @DefaultValue({"1s", "1m"}) List<String> barTimeframes,
        @Min(1024) @Max(65535) @DefaultValue("9000") int apiPort,
        @Min(0) @Max(65535) @DefaultValue("9001") int managementPort) {
}
