package io.agenthub.processor;

import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.Deployment;

/**
 * Which agents an instance hosts. The same topology runs in both shapes: the shared pool hosts every agent deployed
 * {@code SHARED} (the default), a dedicated instance exactly the one {@code DEDICATED} agent it was started for.
 */
public record Hosting(String dedicatedAgentId) {

    public static Hosting sharedPool() {
        return new Hosting(null);
    }

    public static Hosting dedicatedTo(String agentId) {
        if (agentId == null || agentId.isBlank()) {
            throw new IllegalArgumentException("a dedicated processor needs the id of its agent");
        }
        return new Hosting(agentId);
    }

    public boolean dedicated() {
        return dedicatedAgentId != null;
    }

    boolean hosts(String agentId, AgentConfig config) {
        return dedicated()
                ? agentId.equals(dedicatedAgentId) && config.getDeployment() == Deployment.DEDICATED
                : config.getDeployment() == Deployment.SHARED;
    }

    /** Part of the application id, so that each shape (and each dedicated agent) has its own state and offsets. */
    public String applicationSuffix() {
        return dedicated() ? "-" + dedicatedAgentId : "";
    }
}
