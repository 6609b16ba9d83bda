package io.agenthub.api;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.ids.UserId;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.DesiredState;
import io.agenthub.schemas.events.TpSlMode;
import io.agenthub.testkit.api.HubApiClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API on the real cluster: an agent created over REST reaches {@code agents.config} through the outbox and
 * Debezium, each lifecycle call publishes the next revision, and the status reported on {@code agents.status} is
 * what the API shows.
 */
class AgentLifecycleIT extends ApiIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldPublishEachRevisionToAgentsConfigWhenAgentIsCreatedStoppedStartedAndDeleted() {
        HubApiClient alice = api.client().register("alice");
        HubApiClient.Response created = alice.post("/api/agents", Map.of(
                "symbol", "btcusdt",
                "strategy_name", "ema_crossover",
                "strategy_params", Map.of("fast", 8, "lookback", 21, "threshold", 0.4),
                "interval_seconds", 60,
                "risk_params", Map.of("max_position_usd", 2500, "stop_loss_pct", 1.5, "take_profit_pct", 3, "leverage", 3),
                "tp_sl_mode", "dynamic",
                "supervisor", Map.of("enabled", true, "every_n_ticks", 20)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.field("id");
        assertThat(created.field("status")).isEqualTo("creating");
        assertThat(created.field("symbol")).isEqualTo("BTC/USDT");
        assertThat(created.field("desired_state")).isEqualTo("running");
        assertThat(created.json().path("risk_params").path("max_loss_pct").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(created.headers().get("location")).endsWith("/api/agents/" + id);

        AgentConfig first = configs(id, 1).getFirst();
        assertThat(first.getRevision()).isEqualTo(1);
        assertThat(first.getOwnerId()).isEqualTo(alice.userId());
        assertThat(first.getDesiredState()).isEqualTo(DesiredState.RUNNING);
        assertThat(first.getSymbol()).isEqualTo("BTC/USDT");
        assertThat(first.getIntervalSeconds()).isEqualTo(60);
        assertThat(first.getLiveMode()).isFalse();
        assertThat(Decimals.fromWire(first.getRisk().getMaxPositionUsd())).isEqualByComparingTo("2500");
        assertThat(first.getRisk().getLeverage()).isEqualTo(3);
        assertThat(first.getRisk().getTpSlMode()).isEqualTo(TpSlMode.DYNAMIC);
        assertThat(first.getStrategyParams()).containsOnlyKeys("fast", "lookback", "threshold");
        assertThat(Decimals.fromWire(first.getStrategyParams().get("threshold"))).isEqualByComparingTo("0.4");
        assertThat(first.getSupervisor().getEnabled()).isTrue();
        assertThat(first.getSupervisor().getEveryNTicks()).isEqualTo(20);

        HubApiClient.Response stopped = alice.post("/api/agents/" + id + "/stop", null);
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
        assertThat(stopped.field("desired_state")).isEqualTo("stopped");
        assertThat(alice.post("/api/agents/" + id + "/stop", null).json().path("revision").asLong())
                .as("stopping a stopped agent publishes nothing new").isEqualTo(2);
        assertThat(alice.post("/api/agents/" + id + "/start", null).field("desired_state")).isEqualTo("running");
        assertThat(alice.delete("/api/agents/" + id).status()).isEqualTo(204);
        assertThat(alice.get("/api/agents/" + id).status()).isEqualTo(404);

        List<AgentConfig> all = configs(id, 4);
        assertThat(all).extracting(AgentConfig::getRevision).containsExactly(1L, 2L, 3L, 4L);
        assertThat(all).extracting(AgentConfig::getDesiredState)
                .containsExactly(DesiredState.RUNNING, DesiredState.STOPPED, DesiredState.RUNNING, DesiredState.DELETED);
        assertThat(all).extracting(AgentConfig::getEventId).doesNotHaveDuplicates();
    }

    @Test
    void shouldAcceptTheSeedClientsNameAndLlmChoiceWhenAnAgentIsCreatedOrPatched() {
        HubApiClient artic = api.client().register("artic");
        HubApiClient.Response created = artic.post("/api/agents", Map.of("name", "  BTC night shift ", "symbol", "BTC/USDT",
                "strategy_name", "rsi_signal", "llm_provider", "anthropic", "llm_model", "claude-sonnet-4-5",
                "planner", Map.of("enabled", true)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.field("id");
        assertThat(created.field("name")).isEqualTo("BTC night shift");
        assertThat(created.text()).doesNotContain("claude-sonnet-4-5").doesNotContain("llm_provider");
        // the LLM choice is the agent's LLM_PROVIDER / LLM_MODEL, where the supervisor looks first; listed by name only
        assertThat(artic.get("/api/agents/" + id + "/secrets").json().findValuesAsString("key_name"))
                .containsExactlyInAnyOrder("LLM_PROVIDER", "LLM_MODEL");
        assertThat(api.bean(io.agenthub.secrets.SecretStore.class).read(io.agenthub.secrets.SecretScope.agent(
                UserId.of(java.util.UUID.fromString(artic.userId())), AgentId.of(id), "LLM_MODEL"))).contains("claude-sonnet-4-5");

        // a rename is the API's own business: no new revision for the processors
        HubApiClient.Response renamed = artic.patch("/api/agents/" + id, Map.of("name", "BTC day shift", "llm_model", "claude-opus-4-1"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("agent").path("name").asString()).isEqualTo("BTC day shift");
        assertThat(renamed.json().path("changed").toString()).isEqualTo("[\"name\"]");
        assertThat(renamed.json().path("agent").path("revision").asLong()).isEqualTo(1);
        assertThat(api.bean(io.agenthub.secrets.SecretStore.class).read(io.agenthub.secrets.SecretScope.agent(
                UserId.of(java.util.UUID.fromString(artic.userId())), AgentId.of(id), "LLM_MODEL"))).contains("claude-opus-4-1");

        // without a name, the agent is shown by its strategy and market; a provider outside the seed's list is refused by name
        assertThat(artic.post("/api/agents", Map.of("symbol", "ETH/USDT", "strategy_name", "z_score")).field("name"))
                .isEqualTo("z_score on ETH/USDT");
        HubApiClient.Response refused = artic.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "llm_provider", "skynet"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("llm_provider");
        HubApiClient.Response unknown = artic.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "display_name", "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("display_name");
    }

    @Test
    void shouldCarryASupervisionCycleInSecondsWhenTheAgentAsksForOne() {
        HubApiClient user = api.client().register("seconds");
        HubApiClient.Response created = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "supervisor", Map.of("enabled", true, "every_n_seconds", 30)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("supervisor").path("every_n_seconds").asInt()).isEqualTo(30);
        assertThat(configs(created.field("id"), 1).getFirst().getSupervisor().getEveryNSeconds()).isEqualTo(30);

        HubApiClient.Response zero = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "supervisor", Map.of("enabled", true, "every_n_seconds", 0)));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("errors").get(0).path("field").asString()).isEqualTo("supervisor.every_n_seconds");
    }

    @Test
    void shouldNameTheVenueWhenAgentIsCreatedAndRefuseOneThatIsUnknownOrContradictsLiveMode() throws Exception {
        HubApiClient user = api.client().register("venues");
        HubApiClient.Response paper = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal"));
        assertThat(paper.status()).as(paper.toString()).isEqualTo(201);
        assertThat(paper.field("venue")).isEqualTo("paper");
        assertThat(configs(paper.field("id"), 1).getFirst().getVenue()).isEqualTo("paper");

        HubApiClient.Response hashkey = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "venue", "hashkey"));
        assertThat(hashkey.status()).as("a live venue is live trading, which needs the venue's keys: " + hashkey).isEqualTo(422);
        assertThat(hashkey.text()).contains("HASHKEY_API_KEY");

        HubApiClient.Response unknown = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "venue", "nasdaq"));
        assertThat(unknown.status()).as("like a strategy not in the catalogue").isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("venue");
        assertThat(unknown.text()).contains("paper").contains("hashkey");

        HubApiClient.Response contradicts = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "venue", "paper", "live_mode", true));
        assertThat(contradicts.status()).isEqualTo(400);
        assertThat(contradicts.json().path("errors").get(0).path("field").asString()).isEqualTo("venue");

        HubApiClient.Response moved = user.patch("/api/agents/" + paper.field("id"), Map.of("venue", "hashkey"));
        assertThat(moved.status()).as("the venue changes only while the agent is stopped").isEqualTo(409);
        assertThat(moved.text()).contains("venue");
    }

    @Test
    void shouldHostAgentsInThePoolAndRefuseADedicatedOneWhenTheApiRunsNoContainerRuntime() {
        HubApiClient user = api.client().register("hosting");
        HubApiClient.Response shared = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "deployment", "shared"));
        assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
        assertThat(shared.field("deployment")).isEqualTo("shared");
        HubApiClient.Response unnamed = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal"));
        assertThat(unnamed.field("deployment")).as("the runtime's default").isEqualTo("shared");
        String id = unnamed.field("id");
        assertThat(configs(id, 1).getFirst().getDeployment()).isEqualTo(io.agenthub.schemas.events.Deployment.SHARED);

        HubApiClient.Response dedicated = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "deployment", "dedicated"));
        assertThat(dedicated.status()).as(dedicated.toString()).isEqualTo(422);
        assertThat(dedicated.json().path("errors").get(0).path("field").asString()).isEqualTo("deployment");
        assertThat(dedicated.text()).contains("agenthub.api.runtime.kind=docker");
        HubApiClient.Response nonsense = user.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal",
                "deployment", "on-the-moon"));
        assertThat(nonsense.status()).isEqualTo(400);
        assertThat(nonsense.json().path("errors").get(0).path("field").asString()).isEqualTo("deployment");
        // fixed at creation
        HubApiClient.Response moved = user.patch("/api/agents/" + id, Map.of("deployment", "dedicated"));
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.json().path("errors").get(0).path("field").asString()).isEqualTo("deployment");
    }

    @Test
    void shouldPublishTheChangedSettingsWhenAgentIsPatchedAndRefuseMarketChangesWhileItRuns() throws Exception {
        HubApiClient ivan = api.client().register("ivan");
        String id = ivan.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal")).field("id");

        HubApiClient.Response patched = ivan.patch("/api/agents/" + id, Map.of(
                "risk_params", Map.of("stop_loss_pct", 1.5, "leverage", 4), "supervisor", Map.of("enabled", true)));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("changed").toString())
                .contains("risk_params.stop_loss_pct", "risk_params.leverage", "supervisor.enabled").doesNotContain("take_profit");
        assertThat(patched.json().path("agent").path("risk_params").path("take_profit_pct").decimalValue()).isEqualByComparingTo("4");
        AgentConfig second = configs(id, 2).get(1);
        assertThat(second.getRevision()).isEqualTo(2);
        assertThat(second.getDesiredState()).isEqualTo(DesiredState.RUNNING);
        assertThat(Decimals.fromWire(second.getRisk().getStopLossPct())).isEqualByComparingTo("1.5");
        assertThat(second.getRisk().getLeverage()).isEqualTo(4);
        assertThat(second.getSupervisor().getEnabled()).isTrue();
        assertThat(second.getSupervisor().getEveryNTicks()).isEqualTo(10);

        HubApiClient.Response same = ivan.patch("/api/agents/" + id, Map.of("risk_params", Map.of("leverage", 4)));
        assertThat(same.json().path("changed")).isEmpty();
        assertThat(same.json().path("agent").path("revision").asLong()).as("nothing changed, nothing published").isEqualTo(2);

        HubApiClient.Response market = ivan.patch("/api/agents/" + id, Map.of("symbol", "ETH/USDT"));
        assertThat(market.status()).isEqualTo(409);
        assertThat(market.field("detail")).contains("symbol change only while the agent is stopped");
        HubApiClient.Response wider = ivan.patch("/api/agents/" + id, Map.of("risk_params", Map.of("stop_loss_pct", 3)));
        assertThat(wider.status()).isEqualTo(400);
        assertThat(wider.json().path("errors").get(0).path("message").asString()).contains("must not exceed max_loss_pct");
        assertThat(ivan.patch("/api/agents/" + id, Map.of("strategy_name", "moon")).status()).isEqualTo(400);
        assertThat(ivan.patch("/api/agents/" + id, Map.of("owner", "me")).status()).isEqualTo(400);

        ivan.post("/api/agents/" + id + "/stop", null);
        try (KafkaProducer<String, AgentStatus> producer = cluster.producer(topics.agentsStatus())) {
            producer.send(record(status(id, AgentState.STOPPED, 3, null))).get();
        }
        await().atMost(WAIT).until(() -> "stopped".equals(ivan.get("/api/agents/" + id).field("status")));
        HubApiClient.Response moved = ivan.patch("/api/agents/" + id, Map.of("symbol", "eth-usdt"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("agent").path("symbol").asString()).isEqualTo("ETH/USDT");
        assertThat(configs(id, 4).get(3).getSymbol()).isEqualTo("ETH/USDT");
    }

    @Test
    void shouldRefuseAnAgentNamingTheCarriedSymbolsWhenNoRunningFeedCarriesItsSymbol() {
        HubApiClient dora = api.client().register("dora");

        HubApiClient.Response refused = dora.post("/api/agents", Map.of("symbol", "LINK/USDT", "strategy_name", "rsi_signal"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        JsonNode error = refused.json().path("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo("symbol");
        assertThat(error.path("message").asString()).contains("no running feed carries LINK/USDT")
                .contains("symbols carried now: " + String.join(", ", RunningApi.CARRIED));
        assertThat(dora.get("/api/agents").json().path("items")).isEmpty();
    }

    @Test
    void shouldStopEveryAgentOfTheCallerAndFlattenPaperPositionsWhenKillAllIsConfirmed() {
        HubApiClient judy = api.client().register("judy");
        HubApiClient other = api.client().register("other");
        String a = judy.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal")).field("id");
        String b = judy.post("/api/agents", Map.of("symbol", "ETH/USDT", "strategy_name", "z_score")).field("id");
        String theirs = other.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal")).field("id");

        assertThat(judy.post("/api/agents/kill-all", Map.of()).status()).isEqualTo(400);
        assertThat(judy.post("/api/agents/kill-all", Map.of("confirm", "yes")).json().path("errors").get(0).path("field").asString())
                .isEqualTo("confirm");
        HubApiClient.Response killed = judy.post("/api/agents/kill-all", Map.of("confirm", "KILL_ALL"));
        assertThat(killed.status()).isEqualTo(200);
        assertThat(killed.json().path("stopped").asInt()).isEqualTo(2);

        for (String id : List.of(a, b)) {
            AgentConfig last = configs(id, 2).getLast();
            assertThat(last.getDesiredState()).isEqualTo(DesiredState.STOPPED);
            assertThat(last.getFlattenOnStop()).isTrue();
            assertThat(judy.get("/api/agents/" + id).field("desired_state")).isEqualTo("stopped");
        }
        assertThat(other.get("/api/agents/" + theirs).field("desired_state")).as("another user's agent is untouched").isEqualTo("running");
    }

    @Test
    void shouldShowReportedStatusOnceAndIgnoreStaleReportsWhenStatusEventsArrive() throws Exception {
        HubApiClient bob = api.client().register("bob");
        String id = bob.post("/api/agents", Map.of("symbol", "ETH/USDT", "strategy_name", "rsi_signal")).field("id");
        configs(id, 1);

        try (KafkaProducer<String, AgentStatus> producer = cluster.producer(topics.agentsStatus())) {
            AgentStatus running = status(id, AgentState.RUNNING, 1, null);
            producer.send(record(running)).get();
            await().atMost(WAIT).until(() -> "running".equals(bob.get("/api/agents/" + id).field("status")));

            AgentStatus error = status(id, AgentState.ERROR, 1, "loss limit hit: drawdown 5.2 % of 5 %");
            producer.send(record(error)).get();
            await().atMost(WAIT).until(() -> "error".equals(bob.get("/api/agents/" + id).field("status")));
            assertThat(bob.get("/api/agents/" + id).field("status_reason")).isEqualTo("loss limit hit: drawdown 5.2 % of 5 %");

            // a redelivery of the RUNNING event, and a report about an older revision, change nothing
            producer.send(record(running)).get();
            producer.send(record(status(id, AgentState.RUNNING, 0, null))).get();
            AgentStatus stopped = status(id, AgentState.STOPPED, 2, null);
            producer.send(record(stopped)).get();
            await().atMost(WAIT).until(() -> "stopped".equals(bob.get("/api/agents/" + id).field("status")));
        }
        HubApiClient.Response listed = bob.get("/api/agents?status=stopped");
        assertThat(listed.json().path("items")).hasSize(1);
        assertThat(listed.json().path("items").get(0).path("id").asString()).isEqualTo(id);
    }

    @Test
    void shouldDeadLetterGarbageAndKeepProjectingWhenStatusTopicHasBadRecords() throws Exception {
        HubApiClient carol = api.client().register("carol");
        String id = carol.post("/api/agents", Map.of("symbol", "SOL/USDT", "strategy_name", "rsi_signal")).field("id");
        configs(id, 1);
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.agentsStatus().name(), id.getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        try (KafkaProducer<String, AgentStatus> producer = cluster.producer(topics.agentsStatus())) {
            producer.send(record(status(id, AgentState.RUNNING, 1, null))).get();
        }
        await().atMost(WAIT).until(() -> "running".equals(carol.get("/api/agents/" + id).field("status")));
        List<ConsumerRecord<byte[], DeadLetter>> dead = cluster.readUntil(topics.deadLetters(topics.agentsStatus()),
                records -> records.stream().anyMatch(r -> new String(r.key(), StandardCharsets.UTF_8).equals(id)), WAIT);
        DeadLetter letter = dead.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(id)).findFirst().orElseThrow().value();
        assertThat(letter.getApplication()).isEqualTo("agenthub-api");
        assertThat(letter.getSourceTopic()).isEqualTo(topics.agentsStatus().name());
    }

    private static List<AgentConfig> configs(String agentId, int count) {
        return cluster.readUntil(topics.agentsConfig(), records -> records.stream().filter(r -> r.key().equals(agentId)).count() >= count, WAIT)
                .stream().filter(r -> r.key().equals(agentId)).map(ConsumerRecord::value).toList();
    }

    private static AgentStatus status(String agentId, AgentState state, long revision, String reason) {
        return AgentStatus.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEventTime(Instant.now())
                .setCausationId(null)
                .setAgentId(agentId)
                .setStatus(state)
                .setReason(reason)
                .setConfigRevision(revision)
                .setReporter("processor")
                .setInstanceId("test")
                .build();
    }

    private static ProducerRecord<String, AgentStatus> record(AgentStatus status) {
        return new ProducerRecord<>(topics.agentsStatus().name(), status.getAgentId(), status);
    }
}
