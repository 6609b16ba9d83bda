package io.agenthub.secrets;

import io.agenthub.core.ids.UserId;
import io.agenthub.core.ids.AgentId;
import io.agenthub.schemas.events.AgentCredentials;
import io.agenthub.schemas.events.SealedSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The seed's first secret source beyond the API: the overrides ({@code X-Secret-<NAME>} headers) of the request that
 * created, changed or started an agent. The API seals them ({@link #seal}) onto {@code agents.credentials}; each
 * service that resolves secrets follows that topic ({@link OverrideFeed}) into one of these and holds them in memory
 * only, sealed until the moment a secret is resolved, until the agent's tombstone ends them or a later request's
 * overrides replace them. Nothing here writes them anywhere, and {@link #toString()} shows names only.
 */
public final class SecretOverrides {

    private static final Logger log = LoggerFactory.getLogger(SecretOverrides.class);

    private record Held(String ownerId, Map<String, SecretCipher.Sealed> sealed) {
    }

    private final SecretCipher cipher;
    private final Map<AgentId, Held> byAgent = new ConcurrentHashMap<>();
    private final List<Consumer<AgentId>> listeners = new CopyOnWriteArrayList<>();

    private SecretOverrides(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** Overrides opened with the API's master keys ({@code id:base64,...}), which sealed them. */
    public static SecretOverrides openedWith(MasterKeys keys) {
        return new SecretOverrides(new SecretCipher(keys));
    }

    /**
     * Overrides opened with the API's master keys as configured ({@code id:base64,...}); with none configured, a
     * service holds no override ({@link #none()}).
     */
    public static SecretOverrides openedWith(String masterKeys) {
        return masterKeys == null || masterKeys.isBlank() ? none() : openedWith(MasterKeys.parse(masterKeys));
    }

    /** Where a service has no master keys: it can hold no override, and resolves from the store and environment. */
    public static SecretOverrides none() {
        return new SecretOverrides(null);
    }

    public boolean canOpen() {
        return cipher != null;
    }

    /**
     * The record that carries a request's overrides to the services: each value sealed apart, bound to the owner, the
     * agent and its name.
     */
    public static AgentCredentials seal(SecretCipher cipher, UserId owner, AgentId agent, long revision, Map<String, String> values,
                                        Instant now, String causationId) {
        List<SealedSecret> sealed = new ArrayList<>(values.size());
        values.forEach((name, value) -> {
            SecretCipher.Sealed one = cipher.sealOverride(SecretScope.agent(owner, agent, name), value);
            sealed.add(SealedSecret.newBuilder().setName(name).setKeyId(one.keyId())
                    .setNonce(ByteBuffer.wrap(one.nonce())).setCiphertext(ByteBuffer.wrap(one.ciphertext())).build());
        });
        return AgentCredentials.newBuilder().setEventId(UUID.randomUUID().toString()).setEventTime(now).setCausationId(causationId)
                .setAgentId(agent.value()).setOwnerId(owner.toString()).setRevision(revision).setSecrets(sealed).build();
    }

    /** One record of {@code agents.credentials}: its overrides replace the agent's; a tombstone ({@code null}) ends them. */
    public void accept(AgentId agentId, AgentCredentials credentials) {
        if (credentials == null) {
            if (byAgent.remove(agentId) != null) {
                changed(agentId);
            }
            return;
        }
        Map<String, SecretCipher.Sealed> sealed = new ConcurrentHashMap<>();
        for (SealedSecret secret : credentials.getSecrets()) {
            sealed.put(secret.getName(), new SecretCipher.Sealed(secret.getKeyId(), bytes(secret.getNonce()), bytes(secret.getCiphertext())));
        }
        byAgent.put(agentId, new Held(credentials.getOwnerId(), sealed));
        changed(agentId);
    }

    /**
     * The agent's override of {@code name}, opened now, if the request that started it gave one. An override sealed for
     * another owner or agent, or altered, does not open: it counts as not given, and a warning names it.
     */
    public Optional<String> value(UserId owner, AgentId agentId, String name) {
        Held held = agentId == null ? null : byAgent.get(agentId);
        if (held == null || cipher == null || owner == null || !held.ownerId().equals(owner.toString())) {
            return Optional.empty();
        }
        SecretCipher.Sealed sealed = held.sealed().get(name);
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(cipher.openOverride(SecretScope.agent(owner, agentId, name), sealed)).filter(v -> !v.isEmpty());
        } catch (SecretException | IllegalStateException e) {
            log.warn("agent {}: override {} ignored: {}", agentId, name, e.getMessage());
            return Optional.empty();
        }
    }

    /** Called with the agent's id whenever its overrides change or end (a cache of what they resolved to is stale). */
    public void onChange(Consumer<AgentId> listener) {
        listeners.add(listener);
    }

    /** How many agents hold overrides. */
    public int size() {
        return byAgent.size();
    }

    private void changed(AgentId agentId) {
        for (Consumer<AgentId> listener : listeners) {
            listener.accept(agentId);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "SecretOverrides[" + byAgent.size() + " agents]";
    }
}
