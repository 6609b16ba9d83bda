package io.agenthub.core.ids;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An agent's id: the key of every agent topic, the stem of its client order ids, the agent a secret is for. The API
 * gives a UUID's text; any 1-64 letters, digits and {@code _ . : -} will do, so that it can stand in a client order id
 * ({@code <agentId>-<decision>-<leg>}) and a record key.
 */
public record AgentId(String value) implements Comparable<AgentId> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public AgentId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("an agent id is 1-64 letters, digits and _ . : -, got '" + value + "'");
        }
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    /** The agent a wire record or a key names, or empty when what it names cannot be an agent id. */
    public static Optional<AgentId> parse(String text) {
        return text != null && VALID.matcher(text).matches() ? Optional.of(new AgentId(text)) : Optional.empty();
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
