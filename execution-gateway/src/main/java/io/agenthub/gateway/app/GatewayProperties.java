package io.agenthub.gateway.app;

import io.agenthub.core.venue.PaperVenue;
import io.agenthub.gateway.hashkey.config.HashKeySettings;
import io.agenthub.gateway.live.LiveExecutor;
import io.agenthub.kafka.KafkaSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Everything the execution gateway can be told, bound from {@code agenthub.gateway.*}. Unknown keys are rejected.
 *
 * @param paper the paper venue's settings
 * @param live  the live executor's (HashKey Global) settings
 */
@Validated
@ConfigurationProperties(prefix = "agenthub.gateway", ignoreUnknownFields = false)
public record GatewayProperties(
        @NotNull @Valid @DefaultValue KafkaSettings kafka,
        @NotNull @DefaultValue("50ms") Duration commitInterval,
        @NotNull @DefaultValue("10ms") Duration pollInterval,
        @NotNull @Valid @DefaultValue Paper paper,
        @NotNull @Valid @DefaultValue Live live) {

    public GatewayProperties {
        kafka = kafka.orApplicationId("agenthub-execution-gateway");
    }

    /**
     * @param balance               each agent's starting balance at the paper venue (quote asset); the processor's
     *                              {@code initial-equity} should say the same
     * @param priceHistory          ticks kept per symbol, so that an order that arrives late (a venue or processor catching
     *                              up) still fills at the first price after its decision
     * @param maintenanceMarginRate isolated-margin maintenance rate of liquidation prices; the processor's should agree
     */
    public record Paper(
            @NotNull @DecimalMin("0.00000001") @DefaultValue("10000") BigDecimal balance,
            @Positive @DefaultValue("100000") int priceHistory,
            @NotNull @DecimalMin("0") @DecimalMax(value = "0.5", inclusive = false) @DefaultValue("0.005") BigDecimal maintenanceMarginRate) {

        public PaperVenue.Settings venueSettings() {
            return new PaperVenue.Settings(maintenanceMarginRate);
        }
    }

    /**
     * Live orders at HashKey Global.
     *
     * @param enabled         whether live intents are executed (else they are left alone: nothing else executes them)
     * @param maxEntryAge     an entry decided longer ago is not sent (a reduce-only order always is)
     * @param unknownPatience how long an order with an unknown outcome is asked about before it is reported lost
     * @param unknownRetry    how often it is asked about meanwhile
     * @param sweep           how often open orders are checked by REST for fills a stream may have missed
     * @param poll            the executor's poll of new intents
     * @param protectiveStops a live perpetual position is guarded at the venue by stop orders at the agent's stop-loss
     *                        and take-profit (moved with them; the fill of one cancels the other), so that it closes
     *                        even while the hub is down
     * @param secrets         where owners' and agents' HashKey keys are (the API's secret store), else the environment
     */
    public record Live(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("30s") Duration maxEntryAge,
            @NotNull @DefaultValue("60s") Duration unknownPatience,
            @NotNull @DefaultValue("2s") Duration unknownRetry,
            @NotNull @DefaultValue("30s") Duration sweep,
            @NotNull @DefaultValue("50ms") Duration poll,
            @DefaultValue("true") boolean protectiveStops,
            @NotNull @Valid @DefaultValue HashKeySettings hashkey,
            @NotNull @Valid @DefaultValue Secrets secrets) {

        public LiveExecutor.Settings executorSettings() {
            return new LiveExecutor.Settings(maxEntryAge, unknownPatience, unknownRetry, sweep, poll, protectiveStops);
        }
    }

    /** The API's secret store and the master keys that open it; an empty {@code jdbcUrl}: keys from the environment only. */
    public record Secrets(@NotNull @DefaultValue("") String jdbcUrl,
                          @NotNull @DefaultValue("") String username,
                          @NotNull @DefaultValue("") String password,
                          @NotNull @DefaultValue("") String masterKeys) {
        @Override
        public String toString() {
            return "Secrets[jdbc-url=" + jdbcUrl + ", username=" + username + ", password=***, master-keys=***]";
        }
    }

    /** The defaults, on this Kafka, as tests and tools start a gateway. */
    public static GatewayProperties on(KafkaSettings kafka) {
        return new GatewayProperties(kafka, Duration.ofMillis(50), Duration.ofMillis(10),
                new Paper(new BigDecimal("10000"), 100_000, new BigDecimal("0.005")),
                new Live(true, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(50),
                        true, HashKeySettings.at(java.net.URI.create("https://api-glb.hashkey.com"), java.net.URI.create("wss://stream-glb.hashkey.com")),
                        new Secrets("", "", "", "")));
    }

    public GatewayProperties withLive(Live newLive) {
        return new GatewayProperties(kafka, commitInterval, pollInterval, paper, newLive);
    }

    /** The paper venue only: live intents are left alone. */
    public GatewayProperties paperOnly() {
        return withLive(new Live(false, live.maxEntryAge(), live.unknownPatience(), live.unknownRetry(), live.sweep(), live.poll(),
                live.protectiveStops(), live.hashkey(), live.secrets()));
    }
}
