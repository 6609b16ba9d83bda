package io.agenthub.api.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Whether a live agent's owner has HashKey credentials. Until per-user and per-agent secrets land, the only level of
 * the resolution order that exists is the process environment, which serves every user.
 */
public class LiveCredentials {

    static final List<String> REQUIRED = List.of("HASHKEY_API_KEY", "HASHKEY_SECRET");

    private final Function<String, String> environment;

    public LiveCredentials(Function<String, String> environment) {
        this.environment = environment;
    }

    /** The names of the required keys that cannot be resolved for {@code ownerId}, in order. */
    public List<String> missing(UUID ownerId) {
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            String value = environment.apply(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        return missing;
    }
}
