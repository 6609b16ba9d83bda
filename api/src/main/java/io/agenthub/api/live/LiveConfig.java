package io.agenthub.api.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The live-updates socket at {@code /ws}. */
@Configuration
@EnableWebSocket
public class LiveConfig implements WebSocketConfigurer {

    private final LiveUpdates updates;

    public LiveConfig(JdbcClient jdbc, JsonMapper json) {
        this.updates = new LiveUpdates(jdbc, json);
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
