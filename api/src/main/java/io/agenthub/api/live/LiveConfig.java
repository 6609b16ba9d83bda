package io.agenthub.api.live;

import io.agenthub.api.auth.ApiKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** The live-updates socket at {@code /ws}. */
@Configuration
@EnableWebSocket
public class LiveConfig implements WebSocketConfigurer {

    private final LiveUpdates updates;

    public LiveConfig(JdbcClient jdbc, JsonMapper json, ApiKeys keys, Clock clock) {
        this.updates = new LiveUpdates(jdbc, json, keys, clock);
    }

    @Bean
    LiveUpdates liveUpdates() {
        return updates;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new LiveSocket(updates), "/ws");
    }
}
