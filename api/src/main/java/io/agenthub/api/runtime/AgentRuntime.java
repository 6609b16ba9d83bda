package io.agenthub.api.runtime;

import io.agenthub.api.agents.Agents;
import io.agenthub.schemas.events.Deployment;

import java.util.List;

/**
 * Where agents run. The shared pool (the default) needs nothing from the API: its processors host every {@code SHARED}
 * agent they read on {@code agents.config}. The Docker runtime gives each agent a processor container of its own,
 * created, started, stopped and removed as the agent's desired state changes.
 */
public interface AgentRuntime {

    /** How agents' configurations say they are hosted. */
    Deployment deployment();

    /** Brings the runtime in line with the agent's desired state; called once the change is committed. */
    void apply(Agents.Agent agent);

    /** On start: make the runtime match every agent that is not deleted (and nothing else). */
    void reconcile(List<Agents.Agent> live);
}
