package io.agenthub.api.live;

import io.agenthub.api.auth.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Pushes what the projections apply to the WebSocket sessions of the agent's owner, and to no one else:
 * {@code {"type":"agent_status"|"trade"|"log", "agent_id": ..., ...}}. A slow client is dropped rather than allowed to
 * hold up the projections (send time and buffer limits per session).
 *
 * <p>A session lives no longer than what opened it: a session opened with an access token closes (1008, "access token
 * expired") once the token expires, one opened with an API key once the key is revoked, each within a second
 * ({@link #SWEEP}). The client refreshes its token and connects again.
 */
public final class LiveUpdates implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 512 * 1024;

    private final Map<UUID, Set<WebSocketSession>> sessionsByOwner = new ConcurrentHashMap<>();
    private final Map<String, UUID> ownerByAgent = new ConcurrentHashMap<>();
    /** What each open session was opened with, by session id. */
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApiKeys keys;
    private final Clock clock;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
            .name("websocket-leases").factory());

    static final Duration SWEEP = Duration.ofSeconds(1);

    /** A session, and until when it may stay open: a token's expiry, or while its API key is not revoked. */
    private record Lease(WebSocketSession session, Instant expiresAt, UUID apiKey) {
    }

    public LiveUpdates(JdbcClient jdbc, JsonMapper json, ApiKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.keys = keys;
        this.clock = clock;
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    void opened(UUID ownerId, WebSocketSession session, Instant expiresAt, UUID apiKey) {
        WebSocketSession decorated = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        leases.put(session.getId(), new Lease(decorated, expiresAt, apiKey));
        sessionsByOwner.computeIfAbsent(ownerId, k -> ConcurrentHashMap.newKeySet()).add(decorated);
    }

    void closed(UUID ownerId, WebSocketSession session) {
        leases.remove(session.getId());
        Set<WebSocketSession> sessions = sessionsByOwner.get(ownerId);
        if (sessions != null) {
            sessions.removeIf(s -> s.getId().equals(session.getId()));
        }
    }

    /** Closes the sessions whose access token expired or whose API key was revoked. */
    void sweep() {
        try {
            Instant now = clock.instant();
            Set<UUID> revoked = keys.revokedAmong(leases.values().stream().map(Lease::apiKey).filter(Objects::nonNull).collect(Collectors.toSet()));
            for (Lease lease : List.copyOf(leases.values())) {
                if (lease.expiresAt() != null && !lease.expiresAt().isAfter(now)) {
                    end(lease, "access token expired");
                } else if (lease.apiKey() != null && revoked.contains(lease.apiKey())) {
                    end(lease, "API key revoked");
                }
            }
        } catch (RuntimeException e) {
            log.warn("WebSocket sessions not checked for expiry or revocation this time: {}", e.toString());
        }
    }

    private void end(Lease lease, String why) {
        leases.remove(lease.session().getId());
        try {
            lease.session().close(CloseStatus.POLICY_VIOLATION.withReason(why));
        } catch (IOException | IllegalStateException e) {
            log.debug("closing WebSocket session {}: {}", lease.session().getId(), e.toString());
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    /** Sends {@code fields} as a message of {@code type} about {@code agentId} to its owner's sessions. */
    public void publish(String agentId, String type, Map<String, Object> fields) {
        Optional<UUID> owner = owner(agentId);
        if (owner.isEmpty()) {
            return;
        }
        Set<WebSocketSession> sessions = sessionsByOwner.get(owner.get());
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("agent_id", agentId);
        message.putAll(fields);
        TextMessage text = new TextMessage(json.writeValueAsString(message));
        for (WebSocketSession session : sessions) {
            try {
                session.sendMessage(text);
            } catch (IOException | IllegalStateException e) {
                log.debug("dropping WebSocket session {}: {}", session.getId(), e.toString());
                sessions.remove(session);
                try {
                    session.close(CloseStatus.SESSION_NOT_RELIABLE);
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    private Optional<UUID> owner(String agentId) {
        UUID known = ownerByAgent.get(agentId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<UUID> owner = jdbc.sql("SELECT owner_id FROM agents WHERE id = ?").param(agentId).query(UUID.class).optional();
        owner.ifPresent(o -> ownerByAgent.put(agentId, o));
        return owner;
    }

    /** Open sessions, for tests and metrics. */
    public int sessions() {
        return sessionsByOwner.values().stream().mapToInt(Set::size).sum();
    }
}
