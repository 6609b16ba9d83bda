package io.agenthub.gateway.hashkey.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * How the gateway talks to HashKey Global, bound from {@code agenthub.gateway.hashkey.*}. Every host is configurable
 * (tests point them at a local peer); {@code HASHKEY_SANDBOX=true}, resolved per agent like its keys, selects the
 * sandbox hosts. Rates are the gateway's own budget per API key (the venue publishes none for Global: HK documents 20
 * orders and 5 queries a second).
 *
 * @param recvWindow         the window a signed request is valid in at the venue
 * @param timeout            for every REST call; a call without an answer by then has an unknown outcome
 * @param ordersPerSecond    orders placed or cancelled per second and key
 * @param queriesPerSecond   other calls per second and key
 * @param backoff            how long to stop after an HTTP 429 that names no Retry-After
 * @param ban                how long to stop all traffic after an HTTP 418 that names no Retry-After
 * @param exchangeInfoRefresh how often the symbol rules are read again
 */
public record HashKeySettings(
        @NotBlank @DefaultValue("https://api-glb.hashkey.com") String restUrl,
        @NotBlank @DefaultValue("wss://stream-glb.hashkey.com") String wsUrl,
        @NotBlank @DefaultValue("https://api-glb.sim.hashkeydev.com") String sandboxRestUrl,
        @NotBlank @DefaultValue("wss://stream-glb.sim.hashkeydev.com") String sandboxWsUrl,
        @NotNull @DefaultValue("5s") Duration recvWindow,
        @NotNull @DefaultValue("10s") Duration timeout,
        @Positive @DefaultValue("20") int ordersPerSecond,
        @Positive @DefaultValue("5") int queriesPerSecond,
        @NotNull @DefaultValue("60s") Duration backoff,
        @NotNull @DefaultValue("10m") Duration ban,
        @NotNull @DefaultValue("10m") Duration exchangeInfoRefresh,
        @NotNull @DefaultValue("30m") Duration listenKeyKeepAlive,
        @NotNull @DefaultValue("10s") Duration ping,
        @NotNull @DefaultValue("30s") Duration silence,
        @NotNull @DefaultValue("1s") Duration minReconnect,
        @NotNull @DefaultValue("30s") Duration maxReconnect) {

    public URI rest(boolean sandbox) {
        return URI.create(sandbox ? sandboxRestUrl : restUrl);
    }

    public URI ws(boolean sandbox) {
        return URI.create(sandbox ? sandboxWsUrl : wsUrl);
    }

    /** The production hosts with the given overrides, for tests and tools. */
    public static HashKeySettings at(URI rest, URI ws) {
        return new HashKeySettings(rest.toString(), ws.toString(), rest.toString(), ws.toString(), Duration.ofSeconds(5), Duration.ofSeconds(10),
                20, 5, Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public HashKeySettings withTimeout(Duration newTimeout) {
        return new HashKeySettings(restUrl, wsUrl, sandboxRestUrl, sandboxWsUrl, recvWindow, newTimeout, ordersPerSecond, queriesPerSecond, backoff,
                ban, exchangeInfoRefresh, listenKeyKeepAlive, ping, silence, minReconnect, maxReconnect);
    }

    public HashKeySettings withRates(int orders, int queries) {
        return new HashKeySettings(restUrl, wsUrl, sandboxRestUrl, sandboxWsUrl, recvWindow, timeout, orders, queries, backoff, ban,
                exchangeInfoRefresh, listenKeyKeepAlive, ping, silence, minReconnect, maxReconnect);
    }
}
