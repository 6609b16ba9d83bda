package io.agenthub.api;

import io.agenthub.secrets.TransportEnvelope;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.api.HubApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets in the clear over REST, behind a proxy as the README describes it ({@code server.forward-headers-strategy=native}):
 * the client's address and scheme are the proxy's {@code X-Forwarded-For} and {@code X-Forwarded-Proto}.
 */
@EmbeddedClusterTest
class PlainSecretsIT {

    private static final String CANARY = "PLAIN-" + UUID.randomUUID();
    private static RunningApi api;

    @BeforeAll
    static void start(TestCluster cluster) {
        api = new RunningApi(cluster, Map.of("server.forward-headers-strategy", "native"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void shouldRefuseAPlainValueFromAnotherMachineOverHttpAndAcceptItOverTlsOrSealed() {
        String token = api.client().register("plain").accessToken();

        HubApiClient.Response refused = as(token, "203.0.113.9", null).post("/api/secrets", Map.of("key_name", "HASHKEY_API_KEY", "value", CANARY));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("value");
        assertThat(refused.json().path("errors").get(0).path("message").asString()).contains("only over TLS").contains("encrypted_value");
        assertThat(refused.text()).doesNotContain(CANARY);
        assertThat(as(token, null, null).get("/api/secrets").json().findValuesAsString("key_name")).as("nothing stored").isEmpty();

        HubApiClient.Response header = as(token, "203.0.113.9", null).withHeader("X-Secret-HASHKEY_SECRET", CANARY)
                .post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal"));
        assertThat(header.status()).as(header.toString()).isEqualTo(400);
        assertThat(header.json().path("errors").get(0).path("field").asString()).isEqualTo("X-Secret-HASHKEY_SECRET");
        assertThat(header.text()).doesNotContain(CANARY);

        assertThat(as(token, "203.0.113.9", "https").post("/api/secrets", Map.of("key_name", "HASHKEY_API_KEY", "value", CANARY)).status())
                .as("through a TLS proxy").isEqualTo(200);
        assertThat(as(token, null, null).post("/api/secrets", Map.of("key_name", "LLM_MODEL", "value", "gpt-4o")).status())
                .as("from the API's own machine").isEqualTo(200);
        HubApiClient.Response transportKey = as(token, null, null).get("/api/secrets/transport-key");
        String envelope = TransportEnvelope.seal(transportKey.field("key_id"), Base64.getDecoder().decode(transportKey.field("public_key")),
                "HASHKEY_SECRET", CANARY);
        assertThat(as(token, "203.0.113.9", null).post("/api/secrets", Map.of("key_name", "HASHKEY_SECRET", "encrypted_value", envelope)).status())
                .as("sealed, over plain HTTP from anywhere").isEqualTo(200);
        assertThat(as(token, null, null).get("/api/secrets").json().findValuesAsString("key_name"))
                .containsExactlyInAnyOrder("HASHKEY_API_KEY", "HASHKEY_SECRET", "LLM_MODEL");
    }

    /** A client as a proxy forwards it: from {@code client} (null: this machine, no proxy) over {@code scheme}. */
    private static HubApiClient as(String token, String client, String scheme) {
        HubApiClient http = new HubApiClient(api.baseUrl).withHeader("Authorization", "Bearer " + token);
        if (client != null) {
            http.withHeader("X-Forwarded-For", client);
        }
        if (scheme != null) {
            http.withHeader("X-Forwarded-Proto", scheme);
        }
        return http;
    }
}
