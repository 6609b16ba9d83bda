package io.agenthub.api.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes what the projections apply to the WebSocket sessions of the agent's owner, and to no one else:
 * {@code {"type":"agent_status"|"trade"|"log", "agent_id": ..., ...}}. A slow client is dropped rather than allowed to
 * hold up the projections (send time and buffer limits per session).
 */
public final class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 512 * 1024;

    private final Map<UUID, Set<WebSocketSession>> sessionsByOwner = new ConcurrentHashMap<>();
    private final Map<String, UUID> ownerByAgent = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final JsonMapper json;

    public LiveUpdates(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void opened(UUID ownerId, WebSocketSession session) {
        sessionsByOwner.computeIfAbsent(ownerId, k -> ConcurrentHashMap.newKeySet())
                .add(new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES,
                        ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE));
    }

    void closed(UUID ownerId, WebSocketSession session) {
        Set<WebSocketSession> sessions = sessionsByOwner.get(ownerId);
        if (sessions != null) {
            sessions.removeIf(s -> s.getId().equals(session.getId()));
        }
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
