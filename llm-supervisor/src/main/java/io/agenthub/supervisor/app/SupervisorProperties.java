package io.agenthub.supervisor.app;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Everything the supervisor can be told, bound from {@code agenthub.supervisor.*}. Unknown keys are rejected. */
@Validated
@ConfigurationProperties(prefix = "agenthub.supervisor", ignoreUnknownFields = false)
public record SupervisorProperties(@NotNull @Valid @DefaultValue Kafka kafka) {

    public record Kafka(
            @NotBlank @DefaultValue("127.0.0.1:9092") String bootstrapServers,
            @NotNull @DefaultValue("") String topicPrefix,
            @NotBlank @DefaultValue("agenthub-llm-supervisor") String groupId) {
    }
}
