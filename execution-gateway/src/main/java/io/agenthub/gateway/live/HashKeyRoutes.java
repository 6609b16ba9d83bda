package io.agenthub.gateway.live;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.gateway.hashkey.HashKeyMarkets;
import io.agenthub.gateway.hashkey.HashKeySession;
import io.agenthub.gateway.hashkey.config.HashKeySettings;
import io.agenthub.gateway.hashkey.http.HashKeyRest;
import io.agenthub.gateway.hashkey.http.VenueGate;
import io.agenthub.secrets.SecretResolver;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Live agents' routes to HashKey Global: each agent's {@code HASHKEY_API_KEY} and {@code HASHKEY_SECRET} (and
 * {@code HASHKEY_SANDBOX}) come from the shared secret resolver (the overrides of the request that started the agent →
 * agent → owner → environment), looked up again every {@link #CREDENTIALS_FOR}, or at once when the agent's
 * overrides change ({@link #forget}), so that a changed secret takes effect; agents with the same key share one
 * {@link HashKeySession} (one account, one private stream). An agent whose keys cannot be found cannot trade, and the
 * reason names the missing ones. Sessions are named by a digest of the key, never the key itself.
 */
public final class HashKeyRoutes implements LiveRoutes {

    static final Duration CREDENTIALS_FOR = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(HashKeyRoutes.class);

    private final HashKeySettings settings;
    private final SecretResolver resolver;
    private final Clock clock;
    private final Consumer<OrderUpdate> sink;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "hashkey-streams");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Boolean, VenueGate> gates = new ConcurrentHashMap<>();
    private final Map<Boolean, HashKeyMarkets> markets = new ConcurrentHashMap<>();
    private final Map<String, HashKeySession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Cached> credentials = new ConcurrentHashMap<>();
    private final Set<String> reconnected = ConcurrentHashMap.newKeySet();

    private record Cached(Route route, long until) {
    }

    public HashKeyRoutes(HashKeySettings settings, SecretResolver resolver, Clock clock, Consumer<OrderUpdate> sink) {
        this.settings = settings;
        this.resolver = resolver;
        this.clock = clock;
        this.sink = sink;
    }

    @Override
    public Route route(LiveAgent agent) {
        Cached cached = credentials.get(agent.agentId);
        long now = clock.millis();
        if (cached != null && cached.until > now) {
            return cached.route instanceof Routed routed ? withKind(routed, agent) : cached.route;
        }
        Route route = resolve(agent);
        if (route instanceof Routed || (route instanceof Unroutable u && u.halt())) {
            // found keys, or keys that are not there; a venue that could not be reached is tried again at once
            credentials.put(agent.agentId, new Cached(route, now + CREDENTIALS_FOR.toMillis()));
        }
        return route instanceof Routed routed ? withKind(routed, agent) : route;
    }

    /** The agent's keys are resolved again at its next order (its overrides changed or ended). */
    @Override
    public void forget(AgentId agentId) {
        credentials.remove(agentId.value());
    }

    private Route withKind(Routed routed, LiveAgent agent) {
        HashKeySession session = sessions.get(routed.account());
        return new Routed(routed.account(), agent.tradesPerpetual() ? session.perpetual() : session.spot());
    }

    private Route resolve(LiveAgent agent) {
        Optional<SecretResolver.Resolved> key = resolver.resolve("HASHKEY_API_KEY", agent.owner(), agent.id());
        Optional<SecretResolver.Resolved> secret = resolver.resolve("HASHKEY_SECRET", agent.owner(), agent.id());
        List<String> missing = new ArrayList<>();
        if (key.isEmpty()) {
            missing.add("HASHKEY_API_KEY");
        }
        if (secret.isEmpty()) {
            missing.add("HASHKEY_SECRET");
        }
        if (!missing.isEmpty()) {
            return new Unroutable("CREDENTIALS_MISSING", String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not set for this agent or its owner: a live agent needs both HashKey keys", true);
        }
        boolean sandbox = resolver.resolve("HASHKEY_SANDBOX", agent.owner(), agent.id())
                .map(r -> r.value().strip().equalsIgnoreCase("true")).orElse(false);
        String account = "hashkey-" + digest(key.get().value()) + (sandbox ? "-sandbox" : "");
        try {
            sessions.computeIfAbsent(account, name -> open(name, new HashKeySession.Credentials(key.get().value(), secret.get().value(), sandbox)));
        } catch (RuntimeException e) {
            return new Unroutable("VENUE_UNAVAILABLE", "HashKey Global cannot be reached now: " + e.getMessage(), false);
        }
        return new Routed(account, null);
    }

    private HashKeySession open(String name, HashKeySession.Credentials credentials) {
        boolean sandbox = credentials.sandbox();
        VenueGate gate = gates.computeIfAbsent(sandbox, s -> new VenueGate(clock, settings.backoff(), settings.ban()));
        HashKeyMarkets rules = markets.computeIfAbsent(sandbox, s -> {
            HashKeyRest publicRest = HashKeyRest.publicClient(settings.rest(s), clock, settings.timeout(), gate,
                    RateLimiter.of("hashkey-public", RateLimiterConfig.custom().limitForPeriod(settings.queriesPerSecond())
                            .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(2)).build()), http);
            return new HashKeyMarkets(() -> publicRest.publicGet("/api/v1/exchangeInfo", Map.of()), clock, settings.exchangeInfoRefresh());
        });
        HashKeySession session = new HashKeySession(name, credentials, settings, gate, rules, http, scheduler, clock);
        session.spot().subscribe(sink);
        session.perpetual().subscribe(sink);
        session.onConnection(up -> {
            if (up) {
                reconnected.add(name);
            }
        });
        session.start();
        log.info("live account {} opened ({})", name, sandbox ? "sandbox" : "production hosts " + settings.rest(false));
        return session;
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Set<String> reconnected() {
        Set<String> taken = new HashSet<>(reconnected);
        reconnected.removeAll(taken);
        return taken;
    }

    @Override
    public boolean banned() {
        return gates.values().stream().anyMatch(VenueGate::isBanned);
    }

    @Override
    public void close() {
        sessions.values().forEach(HashKeySession::close);
        scheduler.shutdownNow();
    }

    URI rest(boolean sandbox) {
        return settings.rest(sandbox);
    }
}
