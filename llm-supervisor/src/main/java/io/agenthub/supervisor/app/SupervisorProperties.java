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
public record SupervisorProperties(@NotNull @Valid @DefaultValue Kafka kafka, @NotNull @Valid @DefaultValue Llm llm) {

    /**
     * The model that plans and supervises. {@code provider}: {@code openai}, {@code deepseek}, or empty for the
     * environment's {@code LLM_PROVIDER} (none: the rules decide). The key is {@code OPENAI_API_KEY} /
     * {@code DEEPSEEK_API_KEY} from the environment; without it the rules decide, and a warning says so once.
     */
    public record Llm(@NotNull @DefaultValue("") String provider,
                      @NotNull @DefaultValue("") String model,
                      @NotNull @DefaultValue("") String baseUrl,
                      @NotNull @DefaultValue("20s") java.time.Duration timeout) {
    }

    public record Kafka(
            @NotBlank @DefaultValue("127.0.0.1:9092") String bootstrapServers,
            @NotNull @DefaultValue("") String topicPrefix,
            @NotBlank @DefaultValue("agenthub-llm-supervisor") String groupId) {
    }
}
