package io.agenthub.hub;

import io.agenthub.embedded.FreePorts;
import io.agenthub.testkit.api.HubApiClient;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The local system as the end-to-end tests start it: in a scratch data directory, on free ports, replaying the
 * bundled real candles at 120 times real time; {@code settings} add to or override that.
 */
final class ReplayHub {

    private ReplayHub() {
    }

    static ConfigurableApplicationContext start(Path dataDir, int apiPort, int kafkaPort, Map<String, Object> settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("agenthub.hub.data-dir", dataDir.toString());
        properties.put("agenthub.hub.kafka-port", kafkaPort);
        properties.put("agenthub.hub.postgres-port", FreePorts.next());
        properties.put("agenthub.hub.api-port", apiPort);
        properties.put("agenthub.hub.management-port", 0);
        properties.put("agenthub.ingest.feed", "replay");
        properties.put("agenthub.ingest.replay.speed", "120");
        properties.putAll(settings);
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class).web(WebApplicationType.NONE)
                .properties(properties).run();
        // ready as a user finds it: the feed's first bars have reached the API, so it takes agents on the symbol
        HubApiClient anyone = new HubApiClient("http://127.0.0.1:" + apiPort);
        String symbol = String.valueOf(properties.getOrDefault("agenthub.ingest.replay.symbol", "BTC/USDT"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> !anyone
                .get("/api/market/candles?symbol=" + symbol + "&source=stored&limit=1").json().path("candles").isEmpty());
        return hub;
    }

    static ConfigurableApplicationContext start(Path dataDir, int apiPort, Map<String, Object> settings) {
        return start(dataDir, apiPort, FreePorts.next(), settings);
    }
}
