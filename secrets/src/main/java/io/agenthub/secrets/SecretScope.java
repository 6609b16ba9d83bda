package io.agenthub.secrets;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.ids.UserId;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whose secret it is: a user's ({@code agent} null) or one agent's override. Sealed with these bound as associated
 * data, a ciphertext copied to another owner, agent or name does not open.
 */
public record SecretScope(UserId owner, AgentId agent, String name) {

    public static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public SecretScope {
        Objects.requireNonNull(owner, "owner");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a secret name is 1-64 upper-case letters, digits and '_', starting with a letter");
        }
    }

    public static SecretScope user(UserId owner, String name) {
        return new SecretScope(owner, null, name);
    }

    public static SecretScope agent(UserId owner, AgentId agent, String name) {
        return new SecretScope(owner, Objects.requireNonNull(agent, "an agent secret needs the agent's id"), name);
    }

    public boolean isAgent() {
        return agent != null;
    }

    /** The agent column as stored: the agent's id, or empty for a user's secret. */
    String agentColumn() {
        return agentColumn(agent);
    }

    static String agentColumn(AgentId agent) {
        return agent == null ? "" : agent.value();
    }

    byte[] associatedData() {
        return ("agenthub-secret-v1\u0000owner=" + owner + "\u0000agent=" + agentColumn() + "\u0000name=" + name)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A request's override in transit: bound like a stored secret but never interchangeable with one. */
    byte[] overrideData() {
        return ("agenthub-override-v1\u0000owner=" + owner + "\u0000agent=" + agentColumn() + "\u0000name=" + name)
                .getBytes(StandardCharsets.UTF_8);
    }
}
