package io.agenthub.gateway.hashkey;

import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.gateway.hashkey.config.HashKeySettings;
import io.agenthub.gateway.hashkey.http.HashKeyRest;
import io.agenthub.gateway.hashkey.http.HashKeySigner;
import io.agenthub.gateway.hashkey.http.VenueGate;
import io.agenthub.gateway.hashkey.parse.HashKeyParse;
import io.agenthub.gateway.hashkey.ws.UserDataStream;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * One API key's connection to HashKey Global: its signed REST client (within the key's rates, behind the host's gate),
 * its private stream, and the two brokers on them, spot and perpetual. Order events from the stream go to the
 * listeners of the broker they belong to; the stream's ups and downs to {@link #onConnection} listeners, which catch up
 * by REST after a gap.
 */
public final class HashKeySession implements AutoCloseable {

    /** An account's credentials; {@link #toString()} shows neither the key nor the secret. */
    public record Credentials(String apiKey, String secret, boolean sandbox) {
        public Credentials {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Credentials[hidden" + (sandbox ? ", sandbox" : "") + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(HashKeySession.class);

    private final String name;
    private final HashKeyRest rest;
    private final HashKeyMarkets markets;
    private final HashKeySpotBroker spot;
    private final HashKeyPerpetualBroker perpetual;
    private final UserDataStream stream;
    private final List<Consumer<OrderUpdate>> spotListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<OrderUpdate>> perpetualListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> connectionListeners = new CopyOnWriteArrayList<>();

    /**
     * @param name    what logs call this account (never the key itself)
     * @param markets the host's symbol rules
     */
    public HashKeySession(String name, Credentials credentials, HashKeySettings settings, VenueGate gate, HashKeyMarkets markets,
                          HttpClient http, ScheduledExecutorService scheduler, Clock clock) {
        this.name = name;
        this.markets = markets;
        URI base = settings.rest(credentials.sandbox());
        this.rest = new HashKeyRest(base, credentials.apiKey(), new HashKeySigner(credentials.secret()), clock, settings.timeout(),
                settings.recvWindow().toMillis(), gate, limiter(name + "-orders", settings.ordersPerSecond()),
                limiter(name + "-queries", settings.queriesPerSecond()), http);
        this.spot = new HashKeySpotBroker(rest, markets, this);
        this.perpetual = new HashKeyPerpetualBroker(rest, markets, this);
        this.stream = new UserDataStream(name, rest, settings.ws(credentials.sandbox()), new UserDataStream.Settings(settings.listenKeyKeepAlive(),
                settings.ping(), settings.silence(), settings.minReconnect(), settings.maxReconnect()), http, scheduler, this::onEvent,
                this::onConnectionChange);
    }

    private static RateLimiter limiter(String name, int perSecond) {
        return RateLimiter.of(name, RateLimiterConfig.custom().limitForPeriod(perSecond).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofSeconds(2)).build());
    }

    /** Syncs the clock and opens the private stream. */
    public HashKeySession start() {
        rest.syncClock();
        stream.start();
        return this;
    }

    public HashKeySpotBroker spot() {
        return spot;
    }

    public HashKeyPerpetualBroker perpetual() {
        return perpetual;
    }

    public HashKeyRest rest() {
        return rest;
    }

    public boolean streaming() {
        return stream.isConnected();
    }

    void onSpot(Consumer<OrderUpdate> listener) {
        spotListeners.add(listener);
    }

    void onPerpetual(Consumer<OrderUpdate> listener) {
        perpetualListeners.add(listener);
    }

    /** {@code true} whenever the private stream is (again) up, {@code false} when it was lost. */
    public void onConnection(Consumer<Boolean> listener) {
        connectionListeners.add(listener);
    }

    private void onEvent(JsonNode event) {
        switch (event.path("e").asString("")) {
            case "executionReport" -> {
                HashKeyParse.OrderEvent parsed = HashKeyParse.executionReport(event, markets.rules(HashKeyParse.text(event, "s")));
                OrderUpdate update = new OrderUpdate(name, parsed.order(), parsed.execution());
                spotListeners.forEach(l -> l.accept(update));
            }
            case "contractExecutionReport" -> {
                HashKeyParse.OrderEvent parsed = HashKeyParse.contractExecutionReport(event, markets.rules(HashKeyParse.text(event, "s")));
                perpetual.remember(parsed.order());
                OrderUpdate update = new OrderUpdate(name, parsed.order(), parsed.execution());
                perpetualListeners.forEach(l -> l.accept(update));
            }
            case "outboundAccountInfo", "outboundContractAccountInfo", "outboundContractPositionInfo", "ticketInfo" -> {
                // balances and positions are read by REST when reconciling; fills come with the order events
            }
            default -> log.debug("{}: private stream event {} ignored", name, event.path("e").asString("?"));
        }
    }

    private void onConnectionChange(boolean up) {
        connectionListeners.forEach(l -> l.accept(up));
    }

    @Override
    public void close() {
        stream.close();
    }
}
