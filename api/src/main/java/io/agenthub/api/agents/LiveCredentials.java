package io.agenthub.api.agents;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.ids.UserId;
import io.agenthub.secrets.SecretResolver;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Whether a live agent can trade: its owner's HashKey credentials resolve (ephemeral → agent → user → environment). */
@Component
public class LiveCredentials {

    static final List<String> REQUIRED = List.of("HASHKEY_API_KEY", "HASHKEY_SECRET");

    private final SecretResolver resolver;

    public LiveCredentials(SecretResolver resolver) {
        this.resolver = resolver;
    }

    /** The names of the required keys that do not resolve, in order. */
    public List<String> missing(UUID ownerId, String agentId, Map<String, String> ephemeral) {
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (resolver.resolve(name, UserId.of(ownerId), agentId == null ? null : AgentId.of(agentId), ephemeral).isEmpty()) {
                missing.add(name);
            }
        }
        return missing;
    }
}
