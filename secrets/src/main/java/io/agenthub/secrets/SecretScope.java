package io.agenthub.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Whose secret it is: a user's ({@code agentId} empty) or one agent's override. Sealed with these bound as
 * associated data, a ciphertext copied to another owner, agent or name does not open.
 */
public record SecretScope(UUID ownerId, String agentId, String name) {

    public static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public SecretScope {
        Objects.requireNonNull(ownerId, "ownerId");
        agentId = agentId == null ? "" : agentId;
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a secret name is 1-64 upper-case letters, digits and '_', starting with a letter");
        }
    }

    public static SecretScope user(UUID ownerId, String name) {
        return new SecretScope(ownerId, "", name);
    }

    public static SecretScope agent(UUID ownerId, String agentId, String name) {
        if (agentId == null || agentId.isEmpty()) {
            throw new IllegalArgumentException("an agent secret needs the agent's id");
        }
        return new SecretScope(ownerId, agentId, name);
    }

    public boolean isAgent() {
        return !agentId.isEmpty();
    }

    byte[] associatedData() {
        return ("agenthub-secret-v1\u0000owner=" + ownerId + "\u0000agent=" + agentId + "\u0000name=" + name)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A request's override in transit: bound like a stored secret but never interchangeable with one. */
    byte[] overrideData() {
        return ("agenthub-override-v1\u0000owner=" + ownerId + "\u0000agent=" + agentId + "\u0000name=" + name)
                .getBytes(StandardCharsets.UTF_8);
    }
}
