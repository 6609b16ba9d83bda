package io.agenthub.api.agents;

import io.agenthub.api.app.ApiProperties;
import io.agenthub.api.history.AgentHistory;
import io.agenthub.api.market.Candles;
import io.agenthub.api.outbox.Outbox;
import io.agenthub.api.runtime.AgentRuntime;
import io.agenthub.api.secrets.OverridePublisher;
import io.agenthub.api.web.ConflictException;
import io.agenthub.api.web.FieldProblem;
import io.agenthub.api.web.InvalidRequestException;
import io.agenthub.api.web.NotFoundException;
import io.agenthub.api.web.PageCursor;
import io.agenthub.core.ids.AgentId;
import io.agenthub.core.ids.UserId;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.DesiredState;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.secrets.SecretScope;
import io.agenthub.secrets.SecretStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Agents' desired state. Every change writes the agent and its next {@code AgentConfig} revision to the outbox in
 * one transaction; the processors learn of it from {@code agents.config}. Observed status is not set here: it comes
 * back on {@code agents.status} (a new agent is {@code creating} until its processor reports it running). The
 * {@code X-Secret-*} overrides of a request that creates, changes or starts an agent go to the services sealed, on
 * {@code agents.credentials}, before that change commits ({@link OverridePublisher}); they last until the agent is
 * deleted or a later request gives others.
 */
@Service
public class AgentService {

    static final java.util.Set<String> API_ONLY_FIELDS = java.util.Set.of("public_leaderboard", "name");

    private final Agents agents;
    private final Outbox outbox;
    private final AgentChecks checks;
    private final LiveCredentials liveCredentials;
    private final SecretStore secrets;
    private final Topic<String, AgentConfig> configTopic;
    private final ApiProperties.Agents limits;
    private final AgentRuntime runtime;
    private final Clock clock;
    private final AgentHistory history;
    private final Candles candles;
    private final OverridePublisher overrides;

    public AgentService(Agents agents, Outbox outbox, AgentChecks checks, LiveCredentials liveCredentials,
                        SecretStore secrets, Topics topics, ApiProperties properties, AgentRuntime runtime, Clock clock,
                        AgentHistory history, Candles candles, OverridePublisher overrides) {
        this.agents = agents;
        this.overrides = overrides;
        this.history = history;
        this.candles = candles;
        this.outbox = outbox;
        this.checks = checks;
        this.liveCredentials = liveCredentials;
        this.secrets = secrets;
        this.configTopic = topics.agentsConfig();
        this.limits = properties.agents();
        this.runtime = runtime;
        this.clock = clock;
    }

    @Transactional
    public Agents.Agent create(UUID ownerId, AgentRequest request, Map<String, String> ephemeralSecrets) {
        AgentSpec spec = hosted(checks.accept(request));
        requireFeed(spec.symbol());
        if (spec.liveMode()) {
            requireLiveCredentials(ownerId, null, ephemeralSecrets);
        }
        if (agents.countLive(ownerId) >= limits.maxPerUser()) {
            throw new ConflictException("at most " + limits.maxPerUser() + " agents per user; delete one first");
        }
        Instant now = now();
        Agents.Agent agent = new Agents.Agent(UUID.randomUUID().toString(), ownerId, spec, 1, DesiredState.RUNNING.name(),
                AgentState.CREATING.name(), null, null, now, now);
        agents.insert(agent);
        keepLlmChoice(ownerId, agent.id(), request.llmProvider(), request.llmModel());
        UUID eventId = publish(agent, now, false);
        if (overrides.publish(ownerId, agent.id(), agent.revision(), ephemeralSecrets, eventId)) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        overrides.end(agent.id()); // the agent does not exist: neither do its overrides
                    }
                }
            });
        }
        return agent;
    }

    /** Where the agent will run: as asked, if this API's runtime can host it so, else the runtime's default. */
    private AgentSpec hosted(AgentSpec spec) {
        AgentRequest.Deployment asked = spec.deployment();
        java.util.Optional<String> refused = asked == null ? java.util.Optional.empty() : runtime.refuses(asked);
        if (refused.isPresent()) {
            throw new InvalidRequestException(422, List.of(new FieldProblem("deployment", refused.get())));
        }
        return spec.hosted(asked == null ? runtime.defaultDeployment() : asked);
    }

    public Agents.Agent get(UUID ownerId, String id) {
        return agents.find(ownerId, id, false).orElseThrow(() -> new NotFoundException("agent", id));
    }

    /**
     * The owner's agent for reading its history: a deleted agent's too, whose rows a delete keeps (nothing purges them),
     * so its owner can audit it; another user's is not found.
     */
    public Agents.Agent history(UUID ownerId, String id) {
        return agents.findWithDeleted(ownerId, id).orElseThrow(() -> new NotFoundException("agent", id));
    }

    public List<Agents.Agent> page(UUID ownerId, String status, String symbol, PageCursor after, int limit) {
        return agents.page(ownerId, status, symbol, after, limit);
    }

    /** Starts the agent; the request's overrides, if it gives any, replace those it had. */
    @Transactional
    public Agents.Agent start(UUID ownerId, String id, Map<String, String> ephemeralSecrets) {
        Agents.Agent agent = agents.find(ownerId, id, true).orElseThrow(() -> new NotFoundException("agent", id));
        if (!alreadyDesired(agent, DesiredState.RUNNING)) {
            requireFeed(agent.spec().symbol());
        }
        overrides.publish(ownerId, id, agent.revision(), ephemeralSecrets, null);
        return desire(agent, DesiredState.RUNNING, false);
    }

    /**
     * Refuses a symbol no running feed carries (no one-minute bar of it reached the API lately): an agent on it would
     * never trade.
     */
    private void requireFeed(String symbol) {
        List<String> carried = candles.carried(limits.feedFreshness());
        if (!carried.contains(symbol)) {
            throw new InvalidRequestException(422, List.of(new FieldProblem("symbol", "no running feed carries " + symbol
                    + " (no bar of it in the last " + limits.feedFreshness().toMinutes() + " minutes); "
                    + (carried.isEmpty() ? "no symbol is carried now: is market-data-ingest running?"
                    : "symbols carried now: " + String.join(", ", carried)))));
        }
    }

    @Transactional
    public Agents.Agent stop(UUID ownerId, String id) {
        return desire(ownerId, id, DesiredState.STOPPED);
    }

    /**
     * Deletes the agent and its secret overrides; its history stays. An agent that holds a position is deleted only when
     * its owner asks to close it ({@code closePosition}): its processor closes it at market, then lets the agent go.
     */
    @Transactional
    public void delete(UUID ownerId, String id, boolean closePosition) {
        Agents.Agent agent = agents.find(ownerId, id, true).orElseThrow(() -> new NotFoundException("agent", id));
        AgentHistory.PositionChange open = history.positions(id).current();
        if (open != null && !closePosition) {
            throw new ConflictException("agent " + id + " holds an open " + open.side().toLowerCase(java.util.Locale.ROOT) + " position of "
                    + open.quantity().stripTrailingZeros().toPlainString() + " " + open.symbol() + ": DELETE /api/agents/" + id
                    + "?close_position=true closes it at market and then deletes the agent");
        }
        desire(agent, DesiredState.DELETED, open != null);
        secrets.deleteAgent(UserId.of(ownerId), AgentId.of(id));
    }

    /** What a PATCH did: the agent as it is now, and the fields that changed. */
    public record Patched(Agents.Agent agent, List<String> changed) {
    }

    @Transactional
    public Patched patch(UUID ownerId, String id, AgentPatch patch, Map<String, String> ephemeralSecrets) {
        Agents.Agent agent = agents.find(ownerId, id, true).orElseThrow(() -> new NotFoundException("agent", id));
        List<String> needingStop = patch.needingStop(agent.spec());
        if (!needingStop.isEmpty() && !(agent.desiredState().equals(DesiredState.STOPPED.name())
                && agent.status().equals(AgentState.STOPPED.name()))) {
            throw new ConflictException(String.join(" and ", needingStop) + " change only while the agent is stopped: "
                    + "POST /api/agents/" + id + "/stop, wait for status stopped, PATCH, then POST /api/agents/" + id + "/start");
        }
        AgentSpec next = checks.accept(patch.applyTo(agent.spec()));
        keepLlmChoice(ownerId, id, patch.llmProvider(), patch.llmModel());
        if (next.liveMode() && !agent.spec().liveMode()) {
            requireLiveCredentials(ownerId, id, ephemeralSecrets);
        }
        overrides.publish(ownerId, id, agent.revision(), ephemeralSecrets, null);
        List<String> changed = AgentSpecs.differences(agent.spec(), next);
        if (changed.isEmpty()) {
            return new Patched(agent, changed);
        }
        Instant now = now();
        // what only the API uses (the leaderboard opt-in) is not the pipeline's business: no new revision for it
        boolean forPipeline = changed.stream().anyMatch(field -> !API_ONLY_FIELDS.contains(field));
        Agents.Agent updated = agent.changed(next, agent.revision() + (forPipeline ? 1 : 0), agent.desiredState(), now);
        agents.updateSpec(id, next, updated.revision(), now);
        if (forPipeline) {
            publish(updated, now, false);
        }
        return new Patched(updated, changed);
    }

    /**
     * The agent's own LLM choice, as the seed's clients send it with the agent: kept where the supervisor looks first,
     * the agent's {@code LLM_PROVIDER} and {@code LLM_MODEL} secrets (sealed like any secret, listed by name only).
     */
    private void keepLlmChoice(UUID ownerId, String agentId, String provider, String model) {
        if (provider != null) {
            secrets.put(SecretScope.agent(UserId.of(ownerId), AgentId.of(agentId), "LLM_PROVIDER"), provider);
        }
        if (model != null) {
            secrets.put(SecretScope.agent(UserId.of(ownerId), AgentId.of(agentId), "LLM_MODEL"), model);
        }
    }

    /**
     * The caller's kill switch: every agent of theirs stops, and its open paper position is closed at market by its
     * processor before it stops. Returns the agents it stopped.
     */
    @Transactional
    public List<Agents.Agent> killAll(UUID ownerId) {
        List<Agents.Agent> stopped = new java.util.ArrayList<>();
        for (Agents.Agent agent : agents.allLive(ownerId)) {
            Instant now = now();
            Agents.Agent next = agent.changed(agent.spec(), agent.revision() + 1, DesiredState.STOPPED.name(), now);
            agents.updateDesired(agent.id(), next.revision(), DesiredState.STOPPED.name(), now);
            publish(next, now, !agent.spec().liveMode());
            stopped.add(next);
        }
        return stopped;
    }

    private void requireLiveCredentials(UUID ownerId, String agentId, Map<String, String> ephemeralSecrets) {
        List<String> missing = liveCredentials.missing(ownerId, agentId, ephemeralSecrets);
        if (!missing.isEmpty()) {
            throw new InvalidRequestException(422, List.of(new FieldProblem("live_mode",
                    "live trading needs " + String.join(" and ", missing) + "; set them with POST /api/secrets (or X-Secret-<NAME> headers)")));
        }
    }

    /** Publishes the next revision with the desired state, unless it is already what the owner wants. */
    private Agents.Agent desire(UUID ownerId, String id, DesiredState desired) {
        return desire(agents.find(ownerId, id, true).orElseThrow(() -> new NotFoundException("agent", id)), desired, false);
    }

    /** Whether asking for {@code desired} changes nothing: it is what the owner wants already, and the agent is not in error. */
    private static boolean alreadyDesired(Agents.Agent agent, DesiredState desired) {
        return agent.desiredState().equals(desired.name()) && !agent.status().equals(AgentState.ERROR.name());
    }

    /** @param flatten close the open position at market first (the kill switch's flag, with the revision) */
    private Agents.Agent desire(Agents.Agent agent, DesiredState desired, boolean flatten) {
        if (alreadyDesired(agent, desired)) {
            return agent;
        }
        Instant now = now();
        Agents.Agent next = agent.changed(agent.spec(), agent.revision() + 1, desired.name(), now);
        agents.updateDesired(agent.id(), next.revision(), desired.name(), now);
        publish(next, now, flatten);
        return next;
    }

    /**
     * The next revision into the outbox; once committed, the runtime follows (a container per agent, say).
     *
     * @return the revision's event id
     */
    private UUID publish(Agents.Agent agent, Instant now, boolean flattenOnStop) {
        UUID eventId = UUID.randomUUID();
        AgentConfig config = AgentConfigs.of(agent.id(), agent.ownerId(), agent.revision(), DesiredState.valueOf(agent.desiredState()),
                agent.spec(), runtime.deploymentOf(agent), now, eventId, null);
        config.setFlattenOnStop(flattenOnStop);
        outbox.add(eventId, configTopic.name(), agent.id(), "AgentConfig",
                configTopic.valueSerde().serializer().serialize(configTopic.name(), config));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                runtime.apply(agent);
            }
        });
        return eventId;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
