package io.agenthub.api;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.ids.UserId;
import io.agenthub.secrets.SecretScope;
import io.agenthub.secrets.SecretStore;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.api.HubApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Master-key rotation as an operator does it: a new key put first and the API restarted (it re-seals every secret with
 * the new key at start), then the old key taken away and the API restarted again. Every secret stays readable, none
 * is lost, and no row is sealed with the old key any more.
 */
@EmbeddedClusterTest
class MasterKeyRotationIT {

    private static String key(String id) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return id + ":" + Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void shouldKeepEverySecretReadableAndResealedWhenTheMasterKeyIsRotated(TestCluster cluster) {
        String k1 = key("k1");
        String k2 = key("k2");
        String database;
        UUID owner;
        String agentId;
        try (RunningApi first = new RunningApi(cluster, Map.of("agenthub.api.secrets.master-keys", k1,
                // restarted on the same database, as an operator restarts it: the outbox's replication slot stays
                "agenthub.api.outbox.drop-slot-on-stop", false))) {
            database = first.context.getEnvironment().getProperty("spring.datasource.url");
            HubApiClient user = first.client().register("rotating");
            owner = UUID.fromString(user.userId());
            assertThat(user.post("/api/secrets", Map.of("key_name", "HASHKEY_API_KEY", "value", "user-key-1")).status()).isEqualTo(200);
            assertThat(user.post("/api/secrets", Map.of("key_name", "HASHKEY_SECRET", "value", "user-secret-1")).status()).isEqualTo(200);
            agentId = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal")).field("id");
            assertThat(user.post("/api/agents/" + agentId + "/secrets", Map.of("key_name", "LLM_MODEL", "value", "agent-model-1")).status())
                    .isEqualTo(200);
            assertThat(keyIds(first)).containsOnly("k1").hasSize(3);
        }

        try (RunningApi rotated = new RunningApi(cluster, Map.of("spring.datasource.url", database,
                "agenthub.api.secrets.master-keys", k2 + "," + k1, "agenthub.api.outbox.drop-slot-on-stop", false))) {
            assertThat(keyIds(rotated)).as("re-sealed at start").containsOnly("k2").hasSize(3);
            assertReadable(rotated, owner, agentId);
        }

        try (RunningApi withoutOldKey = new RunningApi(cluster, Map.of("spring.datasource.url", database,
                "agenthub.api.secrets.master-keys", k2))) {
            assertReadable(withoutOldKey, owner, agentId);
            HubApiClient user = withoutOldKey.client().login(emailOf(withoutOldKey, owner), "correct horse battery staple");
            assertThat(user.get("/api/secrets").json().findValuesAsString("key_name")).containsExactlyInAnyOrder("HASHKEY_API_KEY", "HASHKEY_SECRET");
        }
    }

    private static List<String> keyIds(RunningApi api) {
        return api.bean(JdbcClient.class).sql("SELECT key_id FROM secrets").query(String.class).list();
    }

    private static String emailOf(RunningApi api, UUID owner) {
        return api.bean(JdbcClient.class).sql("SELECT email FROM users WHERE id = ?").param(owner).query(String.class).single();
    }

    private static void assertReadable(RunningApi api, UUID owner, String agentId) {
        SecretStore store = api.bean(SecretStore.class);
        assertThat(store.read(SecretScope.user(UserId.of(owner), "HASHKEY_API_KEY"))).contains("user-key-1");
        assertThat(store.read(SecretScope.user(UserId.of(owner), "HASHKEY_SECRET"))).contains("user-secret-1");
        assertThat(store.read(SecretScope.agent(UserId.of(owner), AgentId.of(agentId), "LLM_MODEL"))).contains("agent-model-1");
    }
}
