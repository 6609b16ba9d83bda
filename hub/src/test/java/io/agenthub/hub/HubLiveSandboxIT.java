package io.agenthub.hub;

import io.agenthub.embedded.FreePorts;
import io.agenthub.testkit.api.HubApiClient;
import io.agenthub.testkit.hashkey.exchange.Account;
import io.agenthub.testkit.hashkey.exchange.HashKeyExchangePeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code HASHKEY_SANDBOX=true} end to end: a user who stores their HashKey keys and the sandbox switch, and creates a
 * live agent over REST, trades on the sandbox host and never on production. Both hosts are local protocol peers of
 * HashKey Global (signed REST, the private stream); the local system is pointed at them as it would be at the real
 * ones, production at one and the sandbox at the other.
 */
class HubLiveSandboxIT {

    private static final String KEY = "sandbox-key-1";
    private static final String SECRET = "sandbox-secret-1-lH3ELTNiFxCQTmi9pPcWWikhsjO04Yoqw3euoHUuOLC3";

    @TempDir
    Path dataDir;

    @Test
    void shouldSendALiveAgentsOrdersToTheSandboxHostWhenItsOwnerChoseTheSandbox() throws Exception {
        int apiPort = FreePorts.next();
        try (HashKeyExchangePeer production = new HashKeyExchangePeer();
             HashKeyExchangePeer sandbox = new HashKeyExchangePeer()) {
            // the same keys exist on both hosts, funded alike: only the switch decides where the orders go
            for (HashKeyExchangePeer host : new HashKeyExchangePeer[] {production, sandbox}) {
                host.account(KEY, SECRET).fund("USDT", new BigDecimal("100000"));
                host.price("BTCUSDT", new BigDecimal("23000"));
            }
            try (ConfigurableApplicationContext hub = ReplayHub.start(dataDir, apiPort, Map.of(
                    "agenthub.gateway.live.hashkey.rest-url", production.restBaseUrl().toString(),
                    "agenthub.gateway.live.hashkey.ws-url", production.wsBaseUrl().toString(),
                    "agenthub.gateway.live.hashkey.sandbox-rest-url", sandbox.restBaseUrl().toString(),
                    "agenthub.gateway.live.hashkey.sandbox-ws-url", sandbox.wsBaseUrl().toString(),
                    "agenthub.gateway.live.max-entry-age", "10m"))) {
                HubApiClient trader = new HubApiClient("http://127.0.0.1:" + apiPort).register("sandboxer");
                for (Map.Entry<String, String> secret : Map.of("HASHKEY_API_KEY", KEY, "HASHKEY_SECRET", SECRET, "HASHKEY_SANDBOX", "true").entrySet()) {
                    assertThat(trader.post("/api/secrets", Map.of("key_name", secret.getKey(), "value", secret.getValue())).status()).isEqualTo(200);
                }
                HubApiClient.Response created = trader.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "z_score",
                        "interval_seconds", 1, "live_mode", true,
                        "risk_params", Map.of("max_position_usd", 500, "stop_loss_pct", 1, "take_profit_pct", 1, "leverage", 1)));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                String id = created.field("id");

                Account atSandbox = sandbox.account(KEY, SECRET);
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .until(() -> !atSandbox.fills().isEmpty());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> !trader.get("/api/agents/" + id + "/trades").json().path("items").isEmpty());

                assertThat(atSandbox.orders()).allSatisfy(order -> assertThat(order.clientOrderId()).startsWith(id + "-"));
                assertThat(production.account(KEY, SECRET).orders()).as("production never hears of the agent's orders").isEmpty();
                assertThat(production.requests()).noneMatch(request -> request.contains("/order"));
                assertThat(trader.get("/api/agents/" + id + "/trades").json().path("items").get(0).path("venue").asString())
                        .startsWith("hashkey");
            }
        }
    }
}
