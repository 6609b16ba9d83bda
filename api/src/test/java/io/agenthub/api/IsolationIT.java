package io.agenthub.api;

import io.agenthub.testkit.api.HubApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may do what: every route answers 401 without credentials, and a user's objects are invisible to every other
 * user (404, exactly as for an id that never existed) by every route. Access tokens, refresh tokens and API keys
 * each work and stop working as documented.
 */
class IsolationIT extends ApiIntegrationTest {

    private static HubApiClient alice;
    private static HubApiClient mallory;
    private static String aliceAgent;

    @BeforeAll
    static void users() {
        alice = api.client().register("alice");
        mallory = api.client().register("mallory");
        aliceAgent = alice.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal")).field("id");
    }

    /** Each route that takes an agent id, as a call by some user on some id. */
    private static final Map<String, RouteCall> AGENT_ROUTES = Map.of(
            "GET /api/agents/{id}", (c, id) -> c.get("/api/agents/" + id),
            "POST /api/agents/{id}/stop", (c, id) -> c.post("/api/agents/" + id + "/stop", null),
            "POST /api/agents/{id}/start", (c, id) -> c.post("/api/agents/" + id + "/start", null),
            "DELETE /api/agents/{id}", (c, id) -> c.delete("/api/agents/" + id));

    interface RouteCall {
        HubApiClient.Response call(HubApiClient client, String agentId);
    }

    @Test
    void shouldAnswer404WhenAnotherUserNamesAnAgentByAnyRoute() {
        AGENT_ROUTES.forEach((route, call) -> {
            HubApiClient.Response foreign = call.call(mallory, aliceAgent);
            HubApiClient.Response missing = call.call(mallory, "00000000-0000-0000-0000-000000000000");
            assertThat(foreign.status()).as(route).isEqualTo(404);
            assertThat(foreign.field("detail")).as(route + " answers exactly as for an id that does not exist")
                    .isEqualTo(missing.field("detail").replace("00000000-0000-0000-0000-000000000000", aliceAgent));
        });
        assertThat(mallory.get("/api/agents").json().path("items")).isEmpty();
        HubApiClient.Response own = alice.get("/api/agents/" + aliceAgent);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.field("desired_state")).as("nothing mallory did reached the agent").isEqualTo("running");
        assertThat(own.json().path("revision").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/agents", "POST /api/agents", "GET /api/agents/x", "POST /api/agents/x/stop",
            "POST /api/agents/x/start", "DELETE /api/agents/x", "GET /api/api-keys", "POST /api/api-keys", "DELETE /api/api-keys/x"})
    void shouldAnswer401WhenCallerHasNoCredentials(String route) {
        HubApiClient anonymous = api.client();
        HubApiClient forged = api.client().withHeader("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        HubApiClient badKey = api.client().withApiKey("ahk_not-a-key");
        for (HubApiClient client : new HubApiClient[]{anonymous, forged, badKey}) {
            HubApiClient.Response response = call(client, route);
            assertThat(response.status()).as(route + " " + response).isEqualTo(401);
            assertThat(response.headers().get("www-authenticate")).startsWith("Bearer");
        }
    }

    private static HubApiClient.Response call(HubApiClient client, String route) {
        String[] parts = route.split(" ");
        Function<String, HubApiClient.Response> send = switch (parts[0]) {
            case "GET" -> client::get;
            case "DELETE" -> client::delete;
            default -> path -> client.post(path, Map.of());
        };
        return send.apply(parts[1]);
    }

    @Test
    void shouldAuthenticateWithApiKeyUntilItIsRevokedWhenUserCreatesOne() {
        HubApiClient.Response created = alice.post("/api/api-keys", Map.of("name", "trading bot"));
        assertThat(created.status()).isEqualTo(201);
        String key = created.field("key");
        assertThat(key).startsWith("ahk_");

        HubApiClient bot = api.client().withApiKey(key);
        assertThat(bot.get("/api/agents").json().path("items").get(0).path("id").asString()).isEqualTo(aliceAgent);
        // least privilege: the key cannot mint, list or revoke keys
        int keys = alice.get("/api/api-keys").json().size();
        HubApiClient.Response minted = bot.post("/api/api-keys", Map.of("name", "a key of the key"));
        assertThat(minted.status()).as(minted.toString()).isEqualTo(403);
        assertThat(minted.text()).contains("an API key cannot manage API keys");
        assertThat(bot.get("/api/api-keys").status()).isEqualTo(403);
        assertThat(bot.delete("/api/api-keys/" + created.field("id")).status()).isEqualTo(403);
        assertThat(alice.get("/api/api-keys").json()).as("no key was added").hasSize(keys);
        assertThat(alice.get("/api/api-keys").text()).as("the key is shown once, never listed").doesNotContain(key);
        assertThat(mallory.delete("/api/api-keys/" + created.field("id")).status()).as("not mallory's key").isEqualTo(404);

        assertThat(alice.delete("/api/api-keys/" + created.field("id")).status()).isEqualTo(204);
        assertThat(bot.get("/api/agents").status()).isEqualTo(401);
    }

    @Test
    void shouldRotateRefreshTokenWhenItIsSpent() {
        String email = HubApiClient.uniqueEmail("refresh");
        HubApiClient anonymous = api.client();
        HubApiClient.Response session = anonymous.post("/api/auth/register", Map.of("email", email, "password", "lantern orchid gravel tundra"));
        String refresh = session.field("refresh_token");
        assertThat(session.json().path("expires_in").asLong()).isEqualTo(900);

        HubApiClient.Response renewed = anonymous.post("/api/auth/refresh", Map.of("refresh_token", refresh));
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.field("user_id")).isEqualTo(session.field("user_id"));
        assertThat(renewed.field("refresh_token")).isNotEqualTo(refresh);
        assertThat(api.client().withHeader("Authorization", "Bearer " + renewed.field("access_token")).get("/api/agents").status())
                .isEqualTo(200);

        assertThat(anonymous.post("/api/auth/refresh", Map.of("refresh_token", refresh)).status()).as("one use").isEqualTo(401);
    }

    @Test
    void shouldServeOpenApiAndProbesWithoutCredentialsWhenAnyoneAsks() {
        HubApiClient anonymous = api.client();
        HubApiClient.Response openApi = anonymous.get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().path("paths").propertyNames())
                .contains("/api/agents", "/api/agents/{id}", "/api/agents/{id}/logs", "/api/auth/register", "/api/strategies");
        JsonNode request = openApi.json().path("components").path("schemas").path("AgentRequest").path("properties");
        assertThat(request.path("interval_seconds").path("default").asString("")).as(request.toString()).isEqualTo("1");
        assertThat(request.path("interval_seconds").path("description").asString()).as(request.toString()).contains("Bar length");
        assertThat(request.path("tp_sl_mode").path("description").asString()).contains("dynamic");
        assertThat(request.path("risk_params").toString()).isNotEmpty();
        JsonNode paths = openApi.json().path("paths");
        assertThat(paths.path("/api/auth/login").path("post").path("security").isArray()).as("login is public").isTrue();
        assertThat(paths.path("/api/auth/login").path("post").path("security")).isEmpty();
        assertThat(paths.path("/api/market/candles").path("get").path("security")).isEmpty();
        assertThat(paths.path("/api/secrets/transport-key").path("get").path("security")).isEmpty();
        assertThat(paths.path("/api/api-keys").path("post").path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        assertThat(openApi.json().path("security").toString()).contains("bearer", "apiKey");
        assertThat(paths.path("/api/agents").path("get").has("security")).as("the default: Bearer or API key").isFalse();
        assertThat(anonymous.get("/readyz").field("status")).isEqualTo("UP");
        assertThat(anonymous.get("/livez").field("status")).isEqualTo("UP");
        assertThat(anonymous.get("/api/strategies").json().size()).isEqualTo(26);
    }

    @Test
    void shouldServeMetricsOnlyOnTheLoopbackManagementPortWhenAnyoneScrapesTheApiPort() throws SocketException {
        HubApiClient anonymous = api.client();
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(404);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(404);
        assertThat(anonymous.get("/actuator/env").status()).isIn(401, 404);
        HubApiClient management = new HubApiClient(api.managementUrl());
        assertThat(management.get("/actuator/prometheus").text()).contains("agenthub_api_projection_applied_total");
        assertThat(management.get("/actuator/health").field("status")).isEqualTo("UP");
        // bound to loopback: from any other address of this machine the management port does not answer
        int port = Integer.parseInt(api.managementUrl().substring(api.managementUrl().lastIndexOf(':') + 1));
        for (InetAddress other : nonLoopbackAddresses()) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(other, port), 2_000);
                }
            }).as("management port on %s", other).isInstanceOf(IOException.class);
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).toList();
    }
}
