package io.agenthub.hub;

import io.agenthub.embedded.FreePorts;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.KafkaRecords;
import io.agenthub.testkit.api.HubApiClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.agenthub.hub.Scripts.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster of {@code docker-compose.yml}, as a user starts it, on this machine's Docker engine (Debian's docker.io
 * through {@code bin/docker-engine}) with every image built here ({@code bin/build-images}, and
 * {@code bin/build-infra-images} for {@code apache/kafka} and {@code postgres:17}, as no registry is reached) and
 * whichever compose client {@code bin/compose} finds or installs. The API answers on a published port, a paper agent
 * created over REST runs, an agent created {@code dedicated} gets a container of its own (created, stopped and kept,
 * started, removed with it), and the two agent-processor replicas share the agents by partition and carry on with one
 * of them stopped. Containers, volumes and networks go afterwards, also when a test fails, and so do those of an
 * earlier run that was killed. Where no engine can start, the tests skip and say why.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeClusterIT {

    private static final String PROJECT_PREFIX = "agenthub-it-";
    private static final String PROCESSOR_GROUP = "agenthub-agent-processor";
    private static final List<String> REPLICAS = List.of("agent-processor-1", "agent-processor-2");
    private static final int AGENT_PARTITIONS = 6;
    private static final Map<String, Object> PAPER_AGENT = Map.of("symbol", "BTC/USDT", "strategy_name", "z_score",
            "interval_seconds", 1, "live_mode", false,
            "risk_params", Map.of("max_position_usd", 1000, "stop_loss_pct", 1, "take_profit_pct", 1, "leverage", 2));

    @TempDir
    static Path dir;

    private static boolean startedEngine;
    private static String project;
    private static Path envFile;
    private static Set<String> composeVariables;
    private static int apiPort;
    private static int kafkaPort;

    @BeforeAll
    static void clusterUp() throws Exception {
        startedEngine = !Scripts.engineAnswers();
        Scripts.Ran engine = Scripts.engineUp();
        Assumptions.assumeTrue(engine.status() == 0, "no Docker engine can start on this machine, so the compose cluster is not "
                + "tested here: " + engine.output().strip());
        removeEarlierRuns();
        long started = System.nanoTime();
        Scripts.Ran images = Scripts.run(Duration.ofMinutes(10), "bin/build-images", "--no-build");
        assertThat(images.status()).as("bin/build-images: %s", images.output()).isZero();
        Scripts.Ran infra = Scripts.run(Duration.ofMinutes(10), "bin/build-infra-images");
        assertThat(infra.status()).as("bin/build-infra-images: %s", infra.output()).isZero();
        System.out.print(images.output() + infra.output());
        System.out.printf("compose cluster: images ready in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));

        project = PROJECT_PREFIX + UUID.randomUUID().toString().substring(0, 8);
        apiPort = FreePorts.next();
        kafkaPort = FreePorts.next();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("POSTGRES_PASSWORD", secret(24));
        settings.put("AGENTHUB_JWT_SECRET", secret(48));
        settings.put("AGENTHUB_MASTER_KEYS", "k1:" + secret(32));
        settings.put("AGENTHUB_API_PORT", Integer.toString(apiPort));
        settings.put("AGENTHUB_KAFKA_PORT", Integer.toString(kafkaPort));
        // nothing leaves this machine: synthetic prices, the rules instead of a model (whatever this environment holds)
        settings.put("AGENTHUB_INGEST_FEED", "synthetic");
        for (String name : List.of("LLM_PROVIDER", "LLM_MODEL", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "DEEPSEEK_API_KEY", "GEMINI_API_KEY")) {
            settings.put(name, "");
        }
        // sized for two cores: one stream thread per replica (a tick log line a second per agent: their interval is 1 s)
        settings.put("AGENTHUB_PROCESSOR_THREADS", "1");
        settings.put("AGENTHUB_AGENT_PARTITIONS", Integer.toString(AGENT_PARTITIONS));
        settings.put("AGENTHUB_SERVICE_MEMORY", "640m");
        settings.put("AGENTHUB_KAFKA_HEAP", "-Xmx384m -Xms384m");
        envFile = dir.resolve("compose.env");
        Files.write(envFile, settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        // the file decides: the same names in this process's environment (or a developer's .env) must not
        composeVariables = settings.keySet();

        started = System.nanoTime();
        Scripts.Ran up = compose(Duration.ofMinutes(5), "up", "-d");
        assertThat(up.status()).as("compose up: %s%nlogs: %s", up.output(), logs()).isZero();
        System.out.printf("compose cluster: %s up in %d s with %s%n", project, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                Scripts.run(Duration.ofMinutes(1), "bin/compose", "--client").output().strip());
    }

    @AfterAll
    static void clusterDown() throws Exception {
        try {
            if (project != null) {
                removeAgentContainers(project);
                Scripts.Ran down = compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "--timeout", "20");
                if (down.status() != 0) {
                    System.out.println("compose down failed, removing the project by its labels: " + down.output());
                }
                removeProject(project);
            }
        } finally {
            if (startedEngine) {
                Scripts.engineDown();
            }
        }
    }

    @Test
    @Order(1)
    void shouldServeTheApiAndRunAPaperAgentCreatedOverRestWhenTheClusterIsUp() throws Exception {
        for (String service : List.of("kafka", "postgres", "api", "market-data-ingest", "agent-processor-1", "agent-processor-2",
                "execution-gateway", "llm-supervisor")) {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                    docker("inspect", "-f", "{{.State.Health.Status}}", container(service))).as("%s; its log: %s", service, logs(service)).isEqualTo("healthy"));
        }
        assertThat(docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", container("topics"))).as("the topics job").isEqualTo("exited 0");
        int topics = Topics.standard().all(List.of(io.agenthub.core.market.Timeframe.ONE_SECOND, io.agenthub.core.market.Timeframe.ONE_MINUTE)).size();
        assertThat(logs("topics")).contains(topics + " of " + topics + " topics created");

        HubApiClient user = new HubApiClient(api()).register("compose-trader");
        // agents are taken only on a symbol a running feed carries: the first bars reach the API
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> !user
                .get("/api/market/candles?symbol=BTC/USDT&source=stored&limit=1").json().path("candles").isEmpty());
        HubApiClient.Response created = user.post("/api/agents", PAPER_AGENT);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.field("id");
        assertThat(user.get("/api/agents").json().path("items").findValuesAsString("id")).containsExactly(id);
        Instant posted = Instant.now();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> "running".equals(user.get("/api/agents/" + id).field("status")));
        System.out.printf("compose cluster: POST /api/agents -> running in %d ms%n", Duration.between(posted, Instant.now()).toMillis());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !user.get("/api/agents/" + id + "/logs?level=tick").json().path("items").isEmpty());

        // the broker is also there for tools on this machine, on the published port, with the agent's status on it
        List<AgentStatus> statuses = KafkaRecords.readToEnd(kafka(), Topics.standard().agentsStatus(), Duration.ofSeconds(30));
        assertThat(statuses).anySatisfy(s -> {
            assertThat(s.getAgentId()).isEqualTo(id);
            assertThat(s.getStatus()).isEqualTo(AgentState.RUNNING);
            assertThat(s.getInstanceId()).isIn(REPLICAS);
        });
    }

    @Test
    @Order(2)
    void shouldGiveADedicatedAgentAContainerOfItsOwnOnTheProjectsNetworkAndFollowItsLifecycleWhenCreatedSo() throws Exception {
        HubApiClient user = new HubApiClient(api()).register("compose-dedicated");
        Map<String, Object> dedicated = new LinkedHashMap<>(PAPER_AGENT);
        dedicated.put("deployment", "dedicated");
        HubApiClient.Response created = user.post("/api/agents", dedicated);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.field("deployment")).isEqualTo("dedicated");
        String id = created.field("id");
        String name = "agenthub-agent-" + id;

        // creating: the API starts the agent's own processor container, on this project's network
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !docker("ps", "-q", "--filter", "name=" + name).isEmpty());
        assertThat(docker("inspect", "-f", "{{range $net, $v := .NetworkSettings.Networks}}{{$net}}{{end}}", name)).isEqualTo(project + "_default");
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "running".equals(user.get("/api/agents/" + id).field("status")));
        assertThat(docker("logs", name)).as("its own container hosts it").contains("dedicated to agent " + id);
        assertThat(runningOn(id)).as("not a replica of the pool").isEqualTo("container-" + id);

        // stopped: the container stops and is kept
        assertThat(user.post("/api/agents/" + id + "/stop", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "stopped".equals(user.get("/api/agents/" + id).field("status")));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> docker("inspect", "-f", "{{.State.Status}}", name).equals("exited"));
        assertThat(docker("ps", "-aq", "--filter", "name=" + name)).as("kept").isNotEmpty();

        // started again: the same container runs
        assertThat(user.post("/api/agents/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "running".equals(user.get("/api/agents/" + id).field("status")));
        assertThat(docker("inspect", "-f", "{{.State.Status}}", name)).isEqualTo("running");

        // deleted: the container and its volume go
        HubApiClient.Response deleted = user.delete("/api/agents/" + id);
        if (deleted.status() == 409) {
            deleted = user.delete("/api/agents/" + id + "?close_position=true");
        }
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> docker("ps", "-aq", "--filter", "name=" + name).isEmpty());
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + name)).isEmpty();
    }

    /** Runs last: it leaves one replica stopped. */
    @Test
    @Order(3)
    void shouldShareTheAgentsBetweenTheProcessorReplicasAndKeepEveryOneTradingWhenOneReplicaStops() throws Exception {
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .until(() -> healthy("api") && REPLICAS.stream().allMatch(ComposeClusterIT::healthy));
        // each replica owns some partitions of the agent key space
        Map<String, Set<Integer>> owners = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(ComposeClusterIT::agentPartitionsByHost, byHost -> byHost.size() == 2);
        assertThat(owners.values()).allSatisfy(partitions -> assertThat(partitions).isNotEmpty());
        assertThat(owners.values().stream().mapToInt(Set::size).sum()).as("every partition owned once: %s", owners).isEqualTo(AGENT_PARTITIONS);

        // agents until each replica hosts some (an agent's partition is its id's hash: a handful is enough)
        HubApiClient user = new HubApiClient(api()).register("compose-scaler");
        Map<String, String> hostOf = new TreeMap<>();
        while (new HashSet<>(hostOf.values()).size() < 2) {
            assertThat(hostOf).as("20 agents and still one replica hosts them all").hasSizeLessThan(20);
            HubApiClient.Response created = user.post("/api/agents", PAPER_AGENT);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.field("id");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "running".equals(user.get("/api/agents/" + id).field("status")));
            hostOf.put(id, runningOn(id));
        }
        System.out.printf("compose cluster: %d agents over the replicas: %s%n", hostOf.size(),
                hostOf.values().stream().collect(Collectors.groupingBy(h -> h, TreeMap::new, Collectors.counting())));

        // one replica stops: the other takes its partitions over, and every agent keeps being evaluated on new ticks
        Instant stopped = Instant.now();
        Scripts.Ran stop = compose(Duration.ofMinutes(1), "stop", "agent-processor-2");
        assertThat(stop.status()).as("compose stop: %s", stop.output()).isZero();
        Instant after = Instant.now().plusSeconds(2); // later than any tick the stopped replica can have logged
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(ComposeClusterIT::agentPartitionsByHost, byHost -> byHost.size() == 1 && byHost.values().iterator().next().size() == AGENT_PARTITIONS);
        for (String id : hostOf.keySet()) {
            await("agent " + id + ", which " + hostOf.get(id) + " hosted, evaluated on a new tick")
                    .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !user.get("/api/agents/" + id + "/logs?level=tick&from=" + after).json().path("items").isEmpty());
            assertThat(user.get("/api/agents/" + id).field("status")).isEqualTo("running");
        }
        System.out.printf("compose cluster: every agent trading on one replica %d s after the other stopped%n",
                Duration.between(stopped, Instant.now()).toSeconds());
    }

    /** The instance the processor said hosts the agent when it last reported it running (agents.status). */
    private static String runningOn(String agentId) {
        List<AgentStatus> statuses = KafkaRecords.readUntil(kafka(), Topics.standard().agentsStatus(),
                records -> records.stream().anyMatch(r -> r.key().equals(agentId) && r.value().getStatus() == AgentState.RUNNING),
                Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).filter(s -> s.getAgentId().equals(agentId)).toList();
        return statuses.stream().filter(s -> s.getStatus() == AgentState.RUNNING).reduce((first, last) -> last)
                .map(AgentStatus::getInstanceId).orElseThrow(() -> new AssertionError("no running status for " + agentId + ": " + statuses));
    }

    /** Which member host owns which partitions of agents.config, in the processors' consumer group. */
    private static Map<String, Set<Integer>> agentPartitionsByHost() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(PROCESSOR_GROUP)).all().get(30, TimeUnit.SECONDS)
                    .get(PROCESSOR_GROUP);
            Map<String, Set<Integer>> byHost = new HashMap<>();
            for (MemberDescription member : group.members()) {
                member.assignment().topicPartitions().stream().filter(p -> p.topic().equals(Topics.standard().agentsConfig().name()))
                        .forEach(p -> byHost.computeIfAbsent(member.host(), h -> new TreeSet<>()).add(p.partition()));
            }
            return byHost;
        }
    }

    private static boolean healthy(String service) {
        try {
            return docker("inspect", "-f", "{{.State.Health.Status}}", container(service)).equals("healthy");
        } catch (Exception | AssertionError e) {
            return false;
        }
    }

    private static Scripts.Ran compose(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bin/compose", "--env-file", envFile.toString(), "-p", project));
        command.addAll(List.of(args));
        return Scripts.run(timeout, Map.of(), composeVariables, command.toArray(String[]::new));
    }

    /** The container of a service of this run's project (whichever client named it). */
    private static String container(String service) throws Exception {
        return docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=" + service);
    }

    private static String logs(String service) throws Exception {
        String log = Scripts.run(Duration.ofSeconds(30), "docker", "logs", "--tail", "40", container(service)).output();
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    private static String logs() throws Exception {
        return compose(Duration.ofMinutes(1), "logs", "--no-color", "--tail", "20").output();
    }

    private static String api() {
        return "http://127.0.0.1:" + apiPort;
    }

    private static String kafka() {
        return "127.0.0.1:" + kafkaPort;
    }

    private static String secret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    /** A run killed before its clean-up leaves its project behind: containers, then networks and volumes, by label. */
    private static void removeEarlierRuns() throws Exception {
        Set<String> projects = new TreeSet<>();
        for (String kind : List.of("ps -a", "network ls", "volume ls")) {
            List<String> command = new ArrayList<>(List.of("docker"));
            command.addAll(List.of(kind.split(" ")));
            command.addAll(List.of("--filter", "label=com.docker.compose.project", "--format", "{{.Label \"com.docker.compose.project\"}}"));
            Scripts.run(Duration.ofSeconds(60), command.toArray(String[]::new)).output().lines()
                    .filter(name -> name.startsWith(PROJECT_PREFIX)).forEach(projects::add);
        }
        for (String stale : projects) {
            System.out.println("compose cluster: removing " + stale + ", left by an earlier run");
            removeProject(stale);
        }
    }

    /** The agents' own containers on the project's network (which they hold), with their volumes. */
    private static void removeAgentContainers(String name) throws Exception {
        List<String> agents = Scripts.run(Duration.ofSeconds(60), "docker", "ps", "-aq", "--filter", "label=agenthub.managed=true",
                "--filter", "network=" + name + "_default").output().lines().filter(l -> !l.isBlank()).toList();
        for (String agent : agents) {
            String agentId = docker("inspect", "-f", "{{index .Config.Labels \"agenthub.agent-id\"}}", agent);
            Scripts.run(Duration.ofSeconds(60), "docker", "rm", "-f", "-v", agent);
            Scripts.run(Duration.ofSeconds(60), "docker", "volume", "rm", "-f", "agenthub-agent-" + agentId);
        }
    }

    private static void removeProject(String name) throws Exception {
        removeAgentContainers(name);
        String label = "label=com.docker.compose.project=" + name;
        for (String[] list : List.of(new String[]{"ps", "-aq"}, new String[]{"network", "ls", "-q"}, new String[]{"volume", "ls", "-q"})) {
            List<String> command = new ArrayList<>(List.of("docker"));
            command.addAll(List.of(list));
            command.addAll(List.of("--filter", label));
            List<String> ids = Scripts.run(Duration.ofSeconds(60), command.toArray(String[]::new)).output().lines().filter(l -> !l.isBlank()).toList();
            if (ids.isEmpty()) {
                continue;
            }
            List<String> remove = new ArrayList<>(List.of("docker"));
            remove.addAll(switch (list[0]) {
                case "ps" -> List.of("rm", "-f", "-v");
                case "network" -> List.of("network", "rm");
                default -> List.of("volume", "rm", "-f");
            });
            remove.addAll(ids);
            Scripts.run(Duration.ofSeconds(120), remove.toArray(String[]::new));
        }
    }
}
