package io.agenthub.api;

import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.LogLevel;
import io.agenthub.testkit.api.HubApiClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code /ws}: an authenticated caller hears about their own agents, as they change, and about no one else's. */
class LiveSocketIT extends ApiIntegrationTest {


    /** Collects the text messages a socket receives. */
    private static final class Listener implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(HubApiClient.json().readTree(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        List<String> types() {
            return messages.stream().map(m -> m.path("type").asString()).toList();
        }
    }

    private static WebSocket connect(String query, Listener listener) {
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(api.baseUrl.replace("http", "ws") + "/ws" + query), listener).join();
    }

    @Test
    void shouldPushStatusAndLogOfOwnAgentsOnlyWhenTheyChange() throws Exception {
        HubApiClient kim = api.client().register("kim");
        HubApiClient lee = api.client().register("lee");
        String kims = kim.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal")).field("id");
        String lees = lee.post("/api/agents", Map.of("symbol", "BTC/USDT", "strategy_name", "rsi_signal")).field("id");
        String kimToken = kim.accessToken();

        Listener heard = new Listener();
        WebSocket socket = connect("?access_token=" + kimToken, heard);
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.types().contains("hello"));

        try (KafkaProducer<String, AgentStatus> statuses = cluster.producer(topics.agentsStatus());
             KafkaProducer<String, AgentLogEntry> logs = cluster.producer(topics.agentsLogs())) {
            for (String agent : List.of(lees, kims)) {
                statuses.send(new ProducerRecord<>(topics.agentsStatus().name(), agent, AgentStatus.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setEventTime(Instant.now()).setCausationId(null).setAgentId(agent)
                        .setStatus(AgentState.RUNNING).setReason(null).setConfigRevision(1).setReporter("processor").setInstanceId("t")
                        .build())).get();
                logs.send(new ProducerRecord<>(topics.agentsLogs().name(), agent, AgentLogEntry.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setEventTime(Instant.now()).setCausationId(null).setAgentId(agent)
                        .setLevel(LogLevel.START).setMessage("started " + agent).setFields(Map.of()).build())).get();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> heard.types().containsAll(List.of("agent_status", "log")));
        TimeUnit.MILLISECONDS.sleep(500); // anything about lee's agent would have arrived by now, in topic order

        assertThat(heard.messages).filteredOn(m -> !m.path("type").asString().equals("hello"))
                .allSatisfy(m -> assertThat(m.path("agent_id").asString()).isEqualTo(kims));
        JsonNode status = heard.messages.stream().filter(m -> m.path("type").asString().equals("agent_status")).findFirst().orElseThrow();
        assertThat(status.path("status").asString()).isEqualTo("running");
        JsonNode log = heard.messages.stream().filter(m -> m.path("type").asString().equals("log")).findFirst().orElseThrow();
        assertThat(log.path("level").asString()).isEqualTo("start");
        assertThat(log.path("message").asString()).isEqualTo("started " + kims);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void shouldRefuseHandshakeWhenCallerIsNotAuthenticated() {
        assertThatThrownBy(() -> connect("", new Listener())).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThatThrownBy(() -> connect("?access_token=forged", new Listener())).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }
}
