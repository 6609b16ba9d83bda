package io.agenthub.api.runtime;

import io.agenthub.api.agents.AgentRequest;
import io.agenthub.api.agents.Agents;

import java.util.List;
import java.util.Optional;

/** The shared pool of agent processors: they follow {@code agents.config} by themselves; the API has nothing to do. */
public final class SharedPoolRuntime implements AgentRuntime {

    private final String noContainers;

    /** The pool, chosen ({@code agenthub.api.runtime.kind=shared}). */
    public SharedPoolRuntime() {
        this("this API runs no container runtime, so every agent runs in the shared processor pool (deployment shared); "
                + "dedicated needs agenthub.api.runtime.kind=docker");
    }

    /** The pool, because containers cannot be had: {@code noContainers} says why. */
    public SharedPoolRuntime(String noContainers) {
        this.noContainers = noContainers;
    }

    @Override
    public AgentRequest.Deployment defaultDeployment() {
        return AgentRequest.Deployment.SHARED;
    }

    @Override
    public Optional<String> refuses(AgentRequest.Deployment deployment) {
        return deployment == AgentRequest.Deployment.SHARED ? Optional.empty() : Optional.of(noContainers);
    }

    @Override
    public void apply(Agents.Agent agent) {
    }

    @Override
    public void reconcile(List<Agents.Agent> live) {
    }
}
