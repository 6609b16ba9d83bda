package io.agenthub.secrets;

import io.agenthub.core.ids.UserId;
import io.agenthub.core.ids.AgentId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    static final String K1 = "k1:" + Base64.getEncoder().encodeToString(bytes(1));
    static final String K2 = "k2:" + Base64.getEncoder().encodeToString(bytes(2));
    private static final UserId OWNER = UserId.of(UUID.fromString("00000000-0000-0000-0000-00000000000a"));

    static byte[] bytes(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    @Test
    void shouldOpenWhatItSealedWhenScopeIsTheSame() {
        SecretCipher cipher = new SecretCipher(MasterKeys.parse(K1));
        SecretScope scope = SecretScope.agent(OWNER, AgentId.of("agent-1"), "HASHKEY_SECRET");

        SecretCipher.Sealed sealed = cipher.seal(scope, "s3cr3t-value");

        assertThat(new String(sealed.ciphertext(), StandardCharsets.UTF_8)).doesNotContain("s3cr3t");
        assertThat(sealed.toString()).doesNotContain("s3cr3t");
        assertThat(cipher.open(scope, sealed)).isEqualTo("s3cr3t-value");
        assertThat(cipher.seal(scope, "s3cr3t-value").nonce()).as("a fresh nonce each time").isNotEqualTo(sealed.nonce());
    }

    @Test
    void shouldRefuseToOpenWhenCiphertextMovesToAnotherOwnerAgentOrName() {
        SecretCipher cipher = new SecretCipher(MasterKeys.parse(K1));
        SecretCipher.Sealed sealed = cipher.seal(SecretScope.agent(OWNER, AgentId.of("agent-1"), "HASHKEY_SECRET"), "s3cr3t-value");

        for (SecretScope other : new SecretScope[]{
                SecretScope.agent(UserId.of(UUID.randomUUID()), AgentId.of("agent-1"), "HASHKEY_SECRET"),
                SecretScope.agent(OWNER, AgentId.of("agent-2"), "HASHKEY_SECRET"),
                SecretScope.user(OWNER, "HASHKEY_SECRET"),
                SecretScope.agent(OWNER, AgentId.of("agent-1"), "HASHKEY_API_KEY")}) {
            assertThatThrownBy(() -> cipher.open(other, sealed)).isInstanceOf(SecretException.class)
                    .hasMessageContaining("does not open").hasMessageNotContaining("s3cr3t");
        }
    }

    @Test
    void shouldRefuseToOpenWhenCiphertextWasAltered() {
        SecretCipher cipher = new SecretCipher(MasterKeys.parse(K1));
        SecretScope scope = SecretScope.user(OWNER, "OPENAI_API_KEY");
        SecretCipher.Sealed sealed = cipher.seal(scope, "sk-test");
        sealed.ciphertext()[0] ^= 1;

        assertThatThrownBy(() -> cipher.open(scope, sealed)).isInstanceOf(SecretException.class);
    }

    @Test
    void shouldOpenOldValuesAndSealWithNewKeyWhenKeysRotate() {
        SecretScope scope = SecretScope.user(OWNER, "OPENAI_API_KEY");
        SecretCipher.Sealed old = new SecretCipher(MasterKeys.parse(K1)).seal(scope, "sk-test");
        SecretCipher rotated = new SecretCipher(MasterKeys.parse(K2 + "," + K1));

        assertThat(rotated.open(scope, old)).isEqualTo("sk-test");
        assertThat(rotated.seal(scope, "sk-test").keyId()).isEqualTo("k2");
        assertThatThrownBy(() -> new SecretCipher(MasterKeys.parse(K2)).open(scope, old))
                .hasMessageContaining("master key k1, which is not configured");
    }

    @Test
    void shouldRefuseMasterKeysThatAreNotAes256AndNeverPrintThem() {
        assertThatThrownBy(() -> MasterKeys.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16]))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKeys.parse("K 1:abc")).hasMessageContaining("id");
        assertThatThrownBy(() -> MasterKeys.parse("")).hasMessageContaining("no master key");
        assertThatThrownBy(() -> MasterKeys.parse(K1 + "," + K1)).hasMessageContaining("twice");
        assertThat(MasterKeys.parse(K2 + "," + K1).toString()).isEqualTo("MasterKeys[k2, k1]");
    }

    @Test
    void shouldRefuseNamesThatAreNotEnvironmentStyle() {
        assertThatThrownBy(() -> SecretScope.user(OWNER, "hashkey key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretScope.user(OWNER, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SecretScope.user(OWNER, "HASHKEY_API_KEY").isAgent()).isFalse();
    }
}
