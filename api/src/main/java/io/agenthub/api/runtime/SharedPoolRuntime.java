package io.agenthub.api.runtime;

import io.agenthub.api.agents.Agents;
import io.agenthub.schemas.events.Deployment;

import java.util.List;

/** The shared pool of agent processors: they follow {@code agents.config} by themselves; the API has nothing to do. */
public final class SharedPoolRuntime implements AgentRuntime {

    @Override
    public Deployment deployment() {
        return Deployment.SHARED;
    }

    @Override
    public void apply(Agents.Agent agent) {
    }

    @Override
    public void reconcile(List<Agents.Agent> live) {
    }
}
