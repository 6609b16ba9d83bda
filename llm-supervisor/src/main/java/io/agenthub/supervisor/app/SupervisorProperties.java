package io.agenthub.supervisor.app;

import io.agenthub.kafka.KafkaSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/** Everything the supervisor can be told, bound from {@code agenthub.supervisor.*}. Unknown keys are rejected. */
@Validated
@ConfigurationProperties(prefix = "agenthub.supervisor", ignoreUnknownFields = false)
public record SupervisorProperties(@NotNull @Valid @DefaultValue KafkaSettings kafka, @NotNull @Valid @DefaultValue Llm llm,
                                   @NotNull @Valid @DefaultValue Secrets secrets) {

    public SupervisorProperties {
        kafka = kafka.orApplicationId("agenthub-llm-supervisor");
    }

    /**
     * The model that plans and supervises, and the limits on asking it.
     *
     * @param provider               the operator's default provider ({@code openai}, {@code anthropic}, {@code deepseek},
     *                               {@code gemini}, {@code none}); empty: {@code LLM_PROVIDER}. An agent's or user's
     *                               {@code LLM_PROVIDER} secret wins over it.
     * @param model                  the default model; empty: {@code LLM_MODEL}, else the provider's default
     * @param baseUrls               where each provider is reached, by provider id; default its public URL
     * @param timeout                how long an answer may take before the rules decide
     * @param concurrency            model calls in flight at most (requests are answered on a pool of this size)
     * @param staleAfter             a request older than this when its turn comes is answered by the rules
     * @param callsPerOwnerPerHour   model calls per owner per rolling hour; 0: no limit
     * @param tokensPerOwnerPerHour  tokens (in and out) per owner per rolling hour; 0: no limit
     * @param failuresToOpen         failures in a row that open a provider's circuit
     * @param openFor                how long an open circuit spares the provider
     */
    public record Llm(@NotNull @DefaultValue("") String provider,
                      @NotNull @DefaultValue("") String model,
                      @NotNull @DefaultValue Map<String, String> baseUrls,
                      @NotNull @DefaultValue("20s") Duration timeout,
                      @Min(1) @Max(256) @DefaultValue("8") int concurrency,
                      @NotNull @DefaultValue("60s") Duration staleAfter,
                      @Min(0) @DefaultValue("120") int callsPerOwnerPerHour,
                      @Min(0) @DefaultValue("500000") long tokensPerOwnerPerHour,
                      @Min(1) @DefaultValue("5") int failuresToOpen,
                      @NotNull @DefaultValue("1m") Duration openFor) {
    }

    /**
     * Where agents' and users' own LLM keys are: the API's database and master keys. Empty {@code jdbcUrl}: only the
     * environment's keys are used.
     */
    public record Secrets(@NotNull @DefaultValue("") String jdbcUrl,
                          @NotNull @DefaultValue("") String username,
                          @NotNull @DefaultValue("") String password,
                          @NotNull @DefaultValue("") String masterKeys) {
        @Override
        public String toString() {
            return "Secrets[jdbc-url=" + jdbcUrl + ", username=" + username + ", password=***, master-keys=***]";
        }
    }

}
