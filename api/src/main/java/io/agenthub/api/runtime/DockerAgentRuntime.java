package io.agenthub.api.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.agenthub.api.agents.AgentRequest;
import io.agenthub.api.agents.Agents;
import io.agenthub.api.app.ApiProperties;
import io.agenthub.api.auth.Digests;
import io.agenthub.schemas.events.AgentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One agent-processor container per {@code dedicated} agent ({@code shared} ones are the pool's), through docker-java:
 * creating such an agent creates and starts a container
 * dedicated to it (labelled with the agent's and owner's ids, memory and CPU limits, restarted on failure, read-only
 * root file system, its state in a volume of its own; its environment holds what the processor needs, Kafka and the
 * agent's id, and no secret: the processor never calls the exchange, the gateway does, with keys it reads from the
 * secret store);
 * stopping stops it once the agent reports {@code stopped} (so that a kill switch's flattening is done) and keeps it;
 * starting starts it again; deleting removes it with its volume. A container that exits or turns unhealthy while its
 * agent should run puts the agent in {@code error} with the reason, observed through Docker's events. On start the
 * runtime reconciles: its containers without an agent are removed (only its own: each container is labelled with the
 * hub that made it, so two hubs can share an engine), agents without their container get one.
 *
 * <p>Work happens on one thread, in order, never on a request's: the API answers at once, and the agent is
 * {@code creating} until its processor reports it running.
 */
public final class DockerAgentRuntime implements AgentRuntime, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DockerAgentRuntime.class);

    static final String MANAGED = "agenthub.managed";
    static final String AGENT = "agenthub.agent-id";
    static final String OWNER = "agenthub.owner-id";
    /** Which hub made the container (its Kafka and topic prefix): another hub on the same engine keeps its own. */
    static final String CLUSTER = "agenthub.cluster";

    private final DockerClient docker;
    private final ApiProperties.Runtime.Docker settings;
    private final String kafkaBootstrap;
    private final String topicPrefix;
    private final String cluster;
    private final String network;
    private final Agents agents;
    private final StatusReports reports;
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("agent-runtime").unstarted(r));
    /** Containers this runtime is stopping or removing: their exit is no failure. */
    private final Set<String> leaving = ConcurrentHashMap.newKeySet();
    private final Closeable events;

    public DockerAgentRuntime(DockerClient docker, ApiProperties.Runtime.Docker settings, String kafkaBootstrap, String topicPrefix,
                              Agents agents, StatusReports reports) {
        this.docker = docker;
        this.settings = settings;
        this.kafkaBootstrap = kafkaBootstrap;
        this.topicPrefix = topicPrefix;
        this.network = network(docker, settings.network());
        this.cluster = cluster(kafkaBootstrap, topicPrefix, network);
        this.agents = agents;
        this.reports = reports;
        this.events = docker.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Map.of(MANAGED, "true"))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        observed(event);
                    }
                });
        log.info("agents run in containers of {} on {} (network {}, {} memory, {} CPUs each)", settings.image(), settings.host(),
                network, settings.memory(), settings.cpus());
    }

    @Override
    public AgentRequest.Deployment defaultDeployment() {
        return settings.defaultDeployment();
    }

    @Override
    public Optional<String> refuses(AgentRequest.Deployment deployment) {
        return Optional.empty();
    }

    @Override
    public void apply(Agents.Agent agent) {
        if (deploymentOf(agent) == AgentRequest.Deployment.DEDICATED) {
            work.submit(() -> converge(agent.id()));
        }
    }

    @Override
    public void reconcile(List<Agents.Agent> live) {
        List<Agents.Agent> dedicated = live.stream().filter(a -> deploymentOf(a) == AgentRequest.Deployment.DEDICATED).toList();
        work.submit(() -> {
            Set<String> wanted = new HashSet<>();
            dedicated.forEach(a -> wanted.add(a.id()));
            for (Container container : containers()) {
                String id = container.getLabels().get(AGENT);
                if (!wanted.contains(id)) {
                    log.info("removing container {} of agent {}: the agent is gone", container.getId(), id);
                    remove(container);
                }
            }
            dedicated.forEach(a -> converge(a.id()));
        });
    }

    /** The agent's container, brought to what the agent's desired state says (read afresh: changes may have queued). */
    private void converge(String agentId) {
        try {
            Optional<Agents.Agent> agent = agents.byId(agentId);
            Optional<Container> container = container(agentId);
            String desired = agent.map(Agents.Agent::desiredState).orElse("DELETED");
            switch (desired) {
                case "RUNNING" -> {
                    String id = container.map(Container::getId).orElseGet(() -> create(agent.get()));
                    if (container.isEmpty() || !"running".equals(container.get().getState())) {
                        leaving.remove(id);
                        docker.startContainerCmd(id).exec();
                        log.info("agent {}: container {} started", agentId, id.substring(0, 12));
                    }
                }
                case "STOPPED" -> {
                    if (container.isPresent() && "running".equals(container.get().getState())) {
                        awaitStatus(agentId, AgentState.STOPPED);
                        leaving.add(container.get().getId());
                        docker.stopContainerCmd(container.get().getId()).withTimeout((int) settings.stopTimeout().toSeconds()).exec();
                        log.info("agent {}: container {} stopped and kept", agentId, container.get().getId().substring(0, 12));
                    }
                }
                default -> container.ifPresent(c -> {
                    awaitStatus(agentId, AgentState.STOPPED);
                    remove(c);
                    log.info("agent {}: container {} removed", agentId, c.getId().substring(0, 12));
                });
            }
        } catch (NotModifiedException e) {
            // already as wanted
        } catch (RuntimeException e) {
            log.warn("agent {}: the container could not be brought to its desired state: {}", agentId, e.getMessage());
            agents.byId(agentId).ifPresent(a -> reports.error(a, "runtime: " + e.getMessage(), null));
        }
    }

    private String create(Agents.Agent agent) {
        List<String> environment = new ArrayList<>(List.of(
                "AGENTHUB_PROCESSOR_KAFKA_BOOTSTRAP_SERVERS=" + kafkaBootstrap,
                "AGENTHUB_PROCESSOR_KAFKA_TOPIC_PREFIX=" + topicPrefix,
                "AGENTHUB_PROCESSOR_KAFKA_STATE_DIR=/data/streams",
                "AGENTHUB_PROCESSOR_DEDICATED_AGENT_ID=" + agent.id(),
                "AGENTHUB_PROCESSOR_INSTANCE_ID=container-" + agent.id()));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        labels.put(AGENT, agent.id());
        labels.put(OWNER, agent.ownerId().toString());
        labels.put(CLUSTER, cluster);
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(network)
                .withMemory(settings.memory().toBytes())
                .withNanoCPUs((long) (settings.cpus() * 1e9))
                .withRestartPolicy(RestartPolicy.onFailureRestart(3))
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,exec,nosuid,size=256m"))
                .withBinds(new Bind(volume(agent.id()), new Volume("/data")));
        String id = docker.createContainerCmd(settings.image())
                .withName(name(agent.id()))
                .withLabels(labels)
                .withEnv(environment)
                .withHostConfig(host)
                .exec().getId();
        log.info("agent {}: container {} created from {}", agent.id(), id.substring(0, 12), settings.image());
        return id;
    }

    private void remove(Container container) {
        leaving.add(container.getId());
        try {
            docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already
        }
        String agentId = container.getLabels().get(AGENT);
        if (agentId != null) {
            try {
                docker.removeVolumeCmd(volume(agentId)).exec();
            } catch (NotFoundException e) {
                // no volume
            }
        }
    }

    /** Waits (a bounded while) for the agent's processor to report {@code state}, so that it finishes what it does. */
    private void awaitStatus(String agentId, AgentState state) {
        long deadline = System.nanoTime() + settings.stopGrace().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Agents.Agent> agent = agents.byId(agentId);
            if (agent.isEmpty() || agent.get().status().equals(state.name()) || agent.get().status().equals(AgentState.ERROR.name())) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("agent {}: not {} after {}; its container is stopped anyway", agentId, state.name().toLowerCase(), settings.stopGrace());
    }

    /** A managed container died or turned unhealthy: if its agent should run, the agent is in error, with the reason. */
    private void observed(Event event) {
        String action = event.getAction();
        Map<String, String> attributes = event.getActor() == null ? Map.of() : event.getActor().getAttributes();
        String agentId = attributes.get(AGENT);
        if (agentId == null || action == null) {
            return;
        }
        String reason;
        if (action.equals("die")) {
            if (leaving.remove(event.getId())) {
                return;
            }
            reason = "container exited with code " + attributes.getOrDefault("exitCode", "?");
        } else if (action.startsWith("health_status") && action.contains("unhealthy")) {
            reason = "container is unhealthy";
        } else {
            return;
        }
        agents.byId(agentId).filter(a -> a.desiredState().equals("RUNNING")).ifPresent(agent -> {
            log.warn("agent {}: {}", agentId, reason);
            reports.error(agent, reason, event.getId());
        });
    }

    /** This hub's agent containers (another hub's on the same engine are not its to remove). */
    private List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(MANAGED, "true", CLUSTER, cluster)).exec();
    }

    /**
     * A hub's name on the engine: a digest of where its agents' events are (Kafka and the topic prefix) and, on a
     * network of their own, which network (two compose projects both reach their Kafka as {@code kafka:9092}).
     */
    static String cluster(String kafkaBootstrap, String topicPrefix, String network) {
        return Digests.sha256(kafkaBootstrap + "|" + topicPrefix + ("host".equals(network) ? "" : "|" + network)).substring(0, 16);
    }

    /**
     * The containers' network: as configured, or with {@code auto} the network of the container the API itself runs in
     * (its host name is its container id), so that a compose project's agents join that project's network.
     */
    static String network(DockerClient docker, String configured) {
        if (!"auto".equals(configured)) {
            return configured;
        }
        String self = System.getenv("HOSTNAME");
        try {
            var networks = docker.inspectContainerCmd(self == null ? "" : self).exec().getNetworkSettings().getNetworks();
            if (networks == null || networks.isEmpty()) {
                throw new IllegalStateException("container " + self + " is on no network");
            }
            return networks.keySet().iterator().next();
        } catch (RuntimeException e) {
            throw new IllegalStateException("agenthub.api.runtime.docker.network=auto needs the API to run in a container of the engine it "
                    + "drives (" + e.getMessage() + "); name the agents' network instead", e);
        }
    }

    private Optional<Container> container(String agentId) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(MANAGED, "true", AGENT, agentId)).exec()
                .stream().findFirst();
    }

    static String name(String agentId) {
        return "agenthub-agent-" + agentId;
    }

    static String volume(String agentId) {
        return "agenthub-agent-" + agentId;
    }

    @Override
    public void close() throws Exception {
        work.shutdown();
        work.awaitTermination(10, TimeUnit.SECONDS);
        events.close();
        reports.close();
        docker.close();
    }
}
