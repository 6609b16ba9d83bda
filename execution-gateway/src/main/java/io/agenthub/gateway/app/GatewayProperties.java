package io.agenthub.gateway.app;

import jakarta.validation.Valid;
import io.agenthub.core.venue.PaperVenue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the execution gateway can be told, bound from {@code agenthub.gateway.*}. Unknown keys are rejected.
 *
 * @param paper the paper venue's settings
 */
@Validated
@ConfigurationProperties(prefix = "agenthub.gateway", ignoreUnknownFields = false)
public record GatewayProperties(
        @NotNull @Valid @DefaultValue Kafka kafka,
        @NotNull @DefaultValue("50ms") Duration commitInterval,
        @NotNull @DefaultValue("10ms") Duration pollInterval,
        @NotNull @Valid @DefaultValue Paper paper) {

    /**
     * @param balance               each agent's starting balance at the paper venue (quote asset); the processor's
     *                              {@code initial-equity} should say the same
     * @param historyTicks          ticks kept per symbol, to fill an order at the first price after its decision however
     *                              late it arrives
     * @param maintenanceMarginRate isolated-margin maintenance rate of liquidation prices; the processor's should agree
     */
    public record Paper(
            @NotNull @DecimalMin("0.00000001") @DefaultValue("10000") BigDecimal balance,
            @Positive @DefaultValue("256") int historyTicks,
            @NotNull @DecimalMin("0") @DecimalMax(value = "0.5", inclusive = false) @DefaultValue("0.005") BigDecimal maintenanceMarginRate) {

        public PaperVenue.Settings venueSettings() {
            return new PaperVenue.Settings(historyTicks, maintenanceMarginRate);
        }
    }

    public record Kafka(
            @NotBlank @DefaultValue("127.0.0.1:9092") String bootstrapServers,
            @NotNull @DefaultValue("") String topicPrefix,
            @NotBlank @DefaultValue("agenthub-execution-gateway") String applicationId,
            @NotNull @DefaultValue(".hub-data/streams") Path stateDir,
            @Positive @DefaultValue("1") int replicationFactor) {
    }
}
