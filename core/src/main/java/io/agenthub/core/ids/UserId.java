package io.agenthub.core.ids;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A user's id: who owns agents, secrets and API keys. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId of(UUID value) {
        return new UserId(value);
    }

    /** The user a wire record names, or empty when what it names is not a user id. */
    public static Optional<UserId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UserId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
