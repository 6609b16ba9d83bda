package io.agenthub.api.live;

import io.agenthub.api.auth.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.io.IOException;
import java.security.Principal;
import java.util.UUID;

/**
 * {@code /ws}: live updates for the authenticated caller's agents. The handshake is authenticated like any route
 * ({@code Authorization: Bearer}, {@code X-API-Key}, or {@code ?access_token=} for browsers, which cannot set headers
 * on a WebSocket); the server only speaks, and a client message is answered with a close. The session closes when
 * the access token it was opened with expires, or the API key is revoked ({@link LiveUpdates}).
 */
public final class LiveSocket extends TextWebSocketHandler {

    private final LiveUpdates updates;

    public LiveSocket(LiveUpdates updates) {
        this.updates = updates;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        UUID owner = owner(session);
        if (owner == null) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("not authenticated"));
            return;
        }
        Authentication caller = (Authentication) session.getPrincipal();
        updates.opened(owner, session, Caller.validUntil(caller).orElse(null), Caller.apiKey(caller).orElse(null));
        session.sendMessage(new TextMessage("{\"type\":\"hello\",\"user_id\":\"" + owner + "\"}"));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        session.close(CloseStatus.NOT_ACCEPTABLE.withReason("this socket only sends"));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        UUID owner = owner(session);
        if (owner != null) {
            updates.closed(owner, session);
        }
    }

    private static UUID owner(WebSocketSession session) {
        Principal principal = session.getPrincipal();
        return principal instanceof Authentication authentication && authentication.isAuthenticated() ? Caller.id(authentication) : null;
    }
}
