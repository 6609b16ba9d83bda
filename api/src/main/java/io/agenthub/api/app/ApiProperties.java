package io.agenthub.api.app;

import io.agenthub.kafka.KafkaSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Everything the Hub API can be told, bound from {@code agenthub.api.*}. Unknown keys are rejected. The database is
 * Spring's own {@code spring.datasource.*}; the HTTP port is {@code server.port} (9000).
 *
 * @param kafka  where the projections read from and the outbox relay publishes to
 * @param auth   token lifetimes and the key that signs access tokens
 * @param outbox the Debezium relay: its replication slot and publication (one per database)
 */
@Validated
@ConfigurationProperties(prefix = "agenthub.api", ignoreUnknownFields = false)
public record ApiProperties(
        @NotNull @Valid @DefaultValue KafkaSettings kafka,
        @NotNull @Valid @DefaultValue Auth auth,
        @NotNull @Valid @DefaultValue Outbox outbox,
        @NotNull @Valid @DefaultValue Agents agents,
        @NotNull @Valid @DefaultValue Secrets secrets,
        @NotNull @Valid @DefaultValue Runtime runtime) {

    public ApiProperties {
        kafka = kafka.orApplicationId("agenthub-api");
    }

    /**
     * @param jwtSecret HMAC key for access tokens, at least 32 bytes; empty = a random key per start (tokens do not
     *                  survive a restart, refresh tokens and API keys do)
     */
    public record Auth(
            @NotNull @DefaultValue("") String jwtSecret,
            @NotNull @DefaultValue("15m") Duration accessTokenTtl,
            @NotNull @DefaultValue("30d") Duration refreshTokenTtl,
            @NotBlank @DefaultValue("agenthub") String issuer) {
    }

    /**
     * @param slot          logical replication slot; one per database and relay, so several APIs can share a server
     * @param dropSlotOnStop for tests: drop the slot when the relay stops
     */
    public record Outbox(
            @NotBlank @Pattern(regexp = "[a-z0-9_]{1,63}") @DefaultValue("agenthub_outbox") String slot,
            @NotBlank @Pattern(regexp = "[a-z0-9_]{1,63}") @DefaultValue("agenthub_outbox") String publication,
            @DefaultValue("false") boolean dropSlotOnStop,
            @NotNull @DefaultValue("200ms") Duration pollInterval) {
    }

    /**
     * @param masterKeys AES-256 master keys, newest first: {@code k2:<base64>,k1:<base64>} (see
     *                   {@code io.agenthub.secrets.MasterKeys}); empty = a random key per start, so stored secrets do not
     *                   survive a restart (the local launcher keeps one in its data directory)
     * @param plainValues where secrets in the clear ({@code value}, {@code X-Secret-*}) are accepted: {@code tls-or-loopback}
     *                    (over TLS or from this machine) or {@code anywhere}
     */
    public record Secrets(@NotNull @DefaultValue("") String masterKeys,
                          @NotNull @DefaultValue("tls-or-loopback") io.agenthub.api.secrets.PlainSecrets.Policy plainValues) {
        @Override
        public String toString() {
            return "Secrets[master-keys=***, plain-values=" + plainValues + "]";
        }
    }

    /**
     * @param maxPerUser   how many agents (not deleted) one user may have
     * @param paperBalance each paper agent's starting balance, for returns in percent (the processor's
     *                     {@code initial-equity} should say the same)
     * @param feedFreshness an agent is created or started only on a symbol whose last one-minute bar reached the API
     *                      within this long (a running feed carries it)
     */
    public record Agents(@DefaultValue("100") int maxPerUser, @DefaultValue("100") int maxPageSize,
                         @NotNull @DefaultValue("10000") java.math.BigDecimal paperBalance,
                         @NotNull @DefaultValue("10m") Duration feedFreshness) {
    }

    /**
     * Where agents run: {@code shared} (the processor pool; the default) or {@code docker} (a container per agent).
     */
    public record Runtime(@NotNull @DefaultValue("shared") Kind kind, @NotNull @Valid @DefaultValue Docker docker) {

        public enum Kind { SHARED, DOCKER }

        /**
         * @param host                  the engine's API
         * @param image                 the agent-processor image ({@code bin/build-images} makes it)
         * @param network               the containers' network; {@code host} reaches a broker on the host's loopback;
         *                              {@code auto}: the network of the container the API runs in (compose)
         * @param memory                each container's memory limit
         * @param cpus                  each container's CPU limit
         * @param kafkaBootstrapServers where containers reach Kafka; empty: where the API does
         * @param stopGrace             how long a stop waits for the agent to report {@code stopped} (a kill switch
         *                              flattens first) before its container stops
         * @param stopTimeout           how long the container has to exit after SIGTERM
         * @param defaultDeployment     where an agent whose request names no {@code deployment} runs: {@code dedicated}
         *                              (a container of its own) or {@code shared} (the processor pool)
         */
        public record Docker(@NotBlank @DefaultValue("unix:///var/run/docker.sock") String host,
                             @NotBlank @DefaultValue("agenthub/agent-processor:latest") String image,
                             @NotBlank @DefaultValue("host") String network,
                             @NotNull @DefaultValue("768MB") org.springframework.util.unit.DataSize memory,
                             @jakarta.validation.constraints.DecimalMin("0.1") @DefaultValue("1.0") double cpus,
                             @NotNull @DefaultValue("") String kafkaBootstrapServers,
                             @NotNull @DefaultValue("30s") Duration stopGrace,
                             @NotNull @DefaultValue("10s") Duration stopTimeout,
                             @NotNull @DefaultValue("dedicated") io.agenthub.api.agents.AgentRequest.Deployment defaultDeployment) {
        }
    }
}
