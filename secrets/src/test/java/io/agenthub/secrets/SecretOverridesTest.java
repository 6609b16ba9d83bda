package io.agenthub.secrets;

import io.agenthub.core.ids.UserId;
import io.agenthub.core.ids.AgentId;
import io.agenthub.schemas.events.AgentCredentials;
import io.agenthub.schemas.events.SealedSecret;
import io.agenthub.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretOverridesTest {

    private static final UserId OWNER = UserId.of(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final UserId OTHER = UserId.of(UUID.fromString("00000000-0000-0000-0000-0000000000b2"));
    private static final String KEY_VALUE = "hk-key-" + UUID.randomUUID();
    private static final String SECRET_VALUE = "hk-secret-" + UUID.randomUUID();

    private final MasterKeys keys = MasterKeys.parse(SecretCipherTest.K1);
    private final SecretCipher cipher = new SecretCipher(keys);

    private AgentCredentials sealed(UserId owner, String agentId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("HASHKEY_API_KEY", KEY_VALUE);
        values.put("HASHKEY_SECRET", SECRET_VALUE);
        return SecretOverrides.seal(cipher, owner, AgentId.of(agentId), 3, values, Instant.parse("2026-12-06T10:00:00Z"), "config-event");
    }

    @Test
    void shouldCarryNoValueInTheClearWhenSealedForTheWire() {
        AgentCredentials credentials = sealed(OWNER, "agent-1");
        byte[] wire = Topics.standard().agentsCredentials().valueSerde().serializer().serialize("agents.credentials", credentials);

        String asText = new String(wire, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain(KEY_VALUE).doesNotContain(SECRET_VALUE).contains("HASHKEY_API_KEY");
        assertThat(credentials.getSecrets()).extracting(SealedSecret::getName).containsExactly("HASHKEY_API_KEY", "HASHKEY_SECRET");
        assertThat(credentials.getOwnerId()).isEqualTo(OWNER.toString());
        assertThat(credentials.getRevision()).isEqualTo(3);
        assertThat(credentials.getCausationId()).isEqualTo("config-event");
    }

    @Test
    void shouldResolveTheAgentsOverridesWhenItsOwnerAsks() {
        SecretOverrides overrides = SecretOverrides.openedWith(keys);
        overrides.accept(AgentId.of("agent-1"), sealed(OWNER, "agent-1"));

        assertThat(overrides.value(OWNER, AgentId.of("agent-1"), "HASHKEY_API_KEY")).contains(KEY_VALUE);
        assertThat(overrides.value(OWNER, AgentId.of("agent-1"), "HASHKEY_SECRET")).contains(SECRET_VALUE);
        assertThat(overrides.value(OWNER, AgentId.of("agent-1"), "OPENAI_API_KEY")).isEmpty();
        assertThat(overrides.value(OWNER, AgentId.of("agent-2"), "HASHKEY_API_KEY")).as("another agent").isEmpty();
        assertThat(overrides.value(OTHER, AgentId.of("agent-1"), "HASHKEY_API_KEY")).as("another owner").isEmpty();
        assertThat(overrides.value(null, AgentId.of("agent-1"), "HASHKEY_API_KEY")).isEmpty();
        assertThat(overrides.toString()).doesNotContain(KEY_VALUE).doesNotContain(SECRET_VALUE);
    }

    @Test
    void shouldNotOpenWhenARecordIsReplayedForAnotherAgentOrOwner() {
        SecretOverrides overrides = SecretOverrides.openedWith(keys);
        AgentCredentials victims = sealed(OWNER, "victim-agent");
        // an attacker who can write the topic copies the victim's sealed values onto their own agent and owner
        overrides.accept(AgentId.of("attacker-agent"), AgentCredentials.newBuilder(victims).setAgentId("attacker-agent").setOwnerId(OTHER.toString()).build());
        overrides.accept(AgentId.of("victim-copy"), AgentCredentials.newBuilder(victims).setAgentId("victim-copy").build());

        assertThat(overrides.value(OTHER, AgentId.of("attacker-agent"), "HASHKEY_SECRET")).isEmpty();
        assertThat(overrides.value(OWNER, AgentId.of("victim-copy"), "HASHKEY_SECRET")).isEmpty();
    }

    @Test
    void shouldNotOpenWhenAValueWasAlteredOrRenamed() {
        AgentCredentials credentials = sealed(OWNER, "agent-1");
        List<SealedSecret> tampered = new ArrayList<>();
        SealedSecret key = credentials.getSecrets().get(0);
        byte[] flipped = key.getCiphertext().array().clone();
        flipped[0] ^= 1;
        tampered.add(SealedSecret.newBuilder(key).setCiphertext(ByteBuffer.wrap(flipped)).build());
        tampered.add(SealedSecret.newBuilder(credentials.getSecrets().get(1)).setName("OPENAI_API_KEY").build());
        SecretOverrides overrides = SecretOverrides.openedWith(keys);
        overrides.accept(AgentId.of("agent-1"), AgentCredentials.newBuilder(credentials).setSecrets(tampered).build());

        assertThat(overrides.value(OWNER, AgentId.of("agent-1"), "HASHKEY_API_KEY")).isEmpty();
        assertThat(overrides.value(OWNER, AgentId.of("agent-1"), "OPENAI_API_KEY")).isEmpty();
    }

    @Test
    void shouldNeverOpenAsAStoredSecretWhenSealedAsAnOverride() {
        SecretScope scope = SecretScope.agent(OWNER, AgentId.of("agent-1"), "HASHKEY_SECRET");
        SecretCipher.Sealed override = cipher.sealOverride(scope, SECRET_VALUE);
        SecretCipher.Sealed stored = cipher.seal(scope, SECRET_VALUE);

        assertThatThrownBy(() -> cipher.open(scope, override)).isInstanceOf(SecretException.class);
        assertThatThrownBy(() -> cipher.openOverride(scope, stored)).isInstanceOf(SecretException.class);
    }

    @Test
    void shouldForgetTheOverridesAndSayWhichAgentWhenATombstoneArrives() {
        SecretOverrides overrides = SecretOverrides.openedWith(keys);
        List<String> changed = new ArrayList<>();
        overrides.onChange(agent -> changed.add(agent.value()));
        overrides.accept(AgentId.of("agent-1"), sealed(OWNER, "agent-1"));
        overrides.accept(AgentId.of("agent-1"), null);
        overrides.accept(AgentId.of("never-seen"), null);

        assertThat(overrides.value(OWNER, AgentId.of("agent-1"), "HASHKEY_API_KEY")).isEmpty();
        assertThat(overrides.size()).isZero();
        assertThat(changed).containsExactly("agent-1", "agent-1");
    }

    @Test
    void shouldReplaceTheEarlierOverridesWhenALaterRequestGivesOthers() {
        SecretOverrides overrides = SecretOverrides.openedWith(keys);
        overrides.accept(AgentId.of("agent-1"), sealed(OWNER, "agent-1"));
        overrides.accept(AgentId.of("agent-1"), SecretOverrides.seal(cipher, OWNER, AgentId.of("agent-1"), 4, Map.of("HASHKEY_API_KEY", "rotated"), Instant.now(), null));

        assertThat(overrides.value(OWNER, AgentId.of("agent-1"), "HASHKEY_API_KEY")).contains("rotated");
        assertThat(overrides.value(OWNER, AgentId.of("agent-1"), "HASHKEY_SECRET")).as("not given again").isEmpty();
    }

    @Test
    void shouldHoldNothingWhenTheServiceHasNoMasterKeys() {
        SecretOverrides none = SecretOverrides.none();
        none.accept(AgentId.of("agent-1"), sealed(OWNER, "agent-1"));

        assertThat(none.canOpen()).isFalse();
        assertThat(none.value(OWNER, AgentId.of("agent-1"), "HASHKEY_API_KEY")).isEmpty();
    }

    @Test
    void shouldResolveTheRequestFirstThenTheHeldOverrideThenTheEnvironmentWhenNoStoreIsReachable() {
        SecretOverrides overrides = SecretOverrides.openedWith(keys);
        overrides.accept(AgentId.of("agent-1"), sealed(OWNER, "agent-1"));
        SecretResolver resolver = SecretResolver.environmentOnly(Map.of("HASHKEY_API_KEY", "from-env", "HASHKEY_SANDBOX", "true")::get)
                .withOverrides(overrides);

        assertThat(resolver.resolve("HASHKEY_API_KEY", OWNER, AgentId.of("agent-1"), Map.of("HASHKEY_API_KEY", "from-request")))
                .hasValueSatisfying(r -> assertThat(r).extracting(SecretResolver.Resolved::value, SecretResolver.Resolved::source)
                        .containsExactly("from-request", SecretResolver.Source.EPHEMERAL));
        assertThat(resolver.resolve("HASHKEY_API_KEY", OWNER, AgentId.of("agent-1")))
                .hasValueSatisfying(r -> assertThat(r).extracting(SecretResolver.Resolved::value, SecretResolver.Resolved::source)
                        .containsExactly(KEY_VALUE, SecretResolver.Source.EPHEMERAL));
        assertThat(resolver.resolve("HASHKEY_API_KEY", OWNER, AgentId.of("agent-2")))
                .hasValueSatisfying(r -> assertThat(r.source()).isEqualTo(SecretResolver.Source.ENVIRONMENT));
        assertThat(resolver.resolve("HASHKEY_SANDBOX", OWNER, AgentId.of("agent-1")))
                .hasValueSatisfying(r -> assertThat(r.source()).isEqualTo(SecretResolver.Source.ENVIRONMENT));
    }
}
