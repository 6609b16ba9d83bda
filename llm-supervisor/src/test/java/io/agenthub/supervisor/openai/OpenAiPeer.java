package io.agenthub.supervisor.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local server that speaks OpenAI's chat-completions wire format and checks what the real one checks: the bearer key,
 * a model, messages, and (as our advisor always asks) a strict {@code json_schema} response format. It answers with the
 * scripted content, status or delay.
 */
final class OpenAiPeer implements AutoCloseable {

    static final String KEY = "sk-test-peer";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    volatile String content = "{}";
    volatile int status = 200;
    volatile long delayMillis;

    OpenAiPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(body);
            if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
                return;
            }
            if (!body.path("model").isString() || !body.path("messages").isArray()
                    || !"json_schema".equals(body.path("response_format").path("type").asString(""))
                    || !body.path("response_format").path("json_schema").path("strict").asBoolean(false)) {
                reply(exchange, 400, "{\"error\":{\"message\":\"bad request\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (status != 200) {
                reply(exchange, status, "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}");
                return;
            }
            ObjectNode completion = JSON.createObjectNode();
            completion.put("id", "chatcmpl-peer").put("object", "chat.completion").put("created", 1_764_400_000L)
                    .put("model", body.path("model").asString());
            ObjectNode choice = completion.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", content);
            completion.putObject("usage").put("prompt_tokens", 812).put("completion_tokens", 64).put("total_tokens", 876);
            reply(exchange, 200, JSON.writeValueAsString(completion));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
