package io.agenthub.api.runtime;

import io.agenthub.api.agents.AgentRequest;
import io.agenthub.api.agents.Agents;

import java.util.List;

/**
 * Where agents run. The shared pool needs nothing from the API: its processors host every {@code SHARED} agent they
 * read on {@code agents.config}. The Docker runtime hosts both: it gives each {@code DEDICATED} agent a processor
 * container of its own, created, started, stopped and removed as the agent's desired state changes, and leaves
 * {@code SHARED} ones to the pool.
 */
public interface AgentRuntime {

    /** The hosting of an agent whose request named none (and of agents stored before agents named one). */
    AgentRequest.Deployment defaultDeployment();

    /** Why agents cannot be hosted so here, or empty when they can. */
    java.util.Optional<String> refuses(AgentRequest.Deployment deployment);

    /** Where the agent runs: as it was created, or the default for agents stored before agents named it. */
    default AgentRequest.Deployment deploymentOf(Agents.Agent agent) {
        AgentRequest.Deployment given = agent.spec().deployment();
        return given == null ? defaultDeployment() : given;
    }

    /** Brings the runtime in line with the agent's desired state; called once the change is committed. */
    void apply(Agents.Agent agent);

    /** On start: make the runtime match every agent that is not deleted (and nothing else). */
    void reconcile(List<Agents.Agent> live);
}
