package io.agenthub.testkit.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the LLM providers on one port of 127.0.0.1, speaking each one's real wire format and checking
 * what the real server checks before it answers:
 * <ul>
 *   <li>OpenAI chat completions ({@code POST /v1/chat/completions}; DeepSeek speaks the same): {@code Authorization:
 *       Bearer}, a model, messages, and a strict {@code json_schema} response format, or {@code json_object} (JSON
 *       mode) when the messages ask for JSON;</li>
 *   <li>Anthropic messages ({@code POST /v1/messages}): {@code x-api-key}, {@code anthropic-version}, a model,
 *       {@code max_tokens}, messages, and {@code output_config.format} of type {@code json_schema};</li>
 *   <li>Gemini generateContent ({@code POST /v1beta/models/{model}:generateContent}): {@code x-goog-api-key} (or
 *       {@code ?key=}), contents, and a JSON response MIME type with a schema.</li>
 * </ul>
 * A wrong key gets the provider's 401/403 error body; a malformed request its 400. Otherwise the peer answers with what
 * {@link #answer} makes of the prompt (system and user text joined), after {@link #delayMillis}, or fails with
 * {@link #status} in the provider's error shape, or refuses ({@link #refuse}) the way each provider does.
 */
public final class LlmPeer implements AutoCloseable {

    public static final String KEY = "sk-test-peer";

    /** The wire formats it speaks, as the supervisor names the providers. */
    public enum Wire { OPENAI, ANTHROPIC, GEMINI }

    /** One request the peer received and accepted as well-formed. */
    public record Received(Wire wire, String path, JsonNode body, String prompt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern GEMINI_PATH = Pattern.compile("/v1beta/models/([^/:]+):generateContent");

    private final HttpServer server;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    public final List<Received> requests = new CopyOnWriteArrayList<>();
    /** What the model answers, given the prompt. */
    public volatile Function<String, String> answer = prompt -> "{}";
    /** Non-200: fail every call with this status, in the provider's error shape. */
    public volatile int status = 200;
    public volatile long delayMillis;
    /** Refuse as the provider does: OpenAI's {@code refusal}, Anthropic's {@code stop_reason: refusal}, Gemini's SAFETY. */
    public volatile boolean refuse;
    public volatile int inputTokens = 812;
    public volatile int outputTokens = 64;

    public LlmPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** The base URL a client of {@code wire} is given ({@code .../v1} for OpenAI and Anthropic, {@code .../v1beta} for Gemini). */
    public String baseUrl(Wire wire) {
        String root = "http://127.0.0.1:" + server.getAddress().getPort();
        return wire == Wire.GEMINI ? root + "/v1beta" : root + "/v1";
    }

    public void answer(String content) {
        this.answer = prompt -> content;
    }

    /** The most calls it was answering at once. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            } catch (RuntimeException e) {
                reply(exchange, 400, "{\"error\":\"body is not JSON\"}");
                return;
            }
            Matcher gemini = GEMINI_PATH.matcher(path);
            if (path.equals("/v1/chat/completions")) {
                openAi(exchange, body);
            } else if (path.equals("/v1/messages")) {
                anthropic(exchange, body);
            } else if (gemini.matches()) {
                gemini(exchange, body, gemini.group(1));
            } else {
                reply(exchange, 404, "{\"error\":\"no such endpoint: " + path + "\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void openAi(HttpExchange exchange, JsonNode body) throws IOException, InterruptedException {
        if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            return;
        }
        StringBuilder prompt = new StringBuilder();
        body.path("messages").forEach(m -> prompt.append(m.path("content").asString("")).append('\n'));
        JsonNode format = body.path("response_format");
        boolean strictSchema = "json_schema".equals(format.path("type").asString("")) && format.path("json_schema").path("strict").asBoolean(false)
                && format.path("json_schema").path("schema").isObject();
        // JSON mode, as DeepSeek offers it: the real servers refuse it unless the messages ask for JSON
        boolean jsonMode = "json_object".equals(format.path("type").asString("")) && prompt.toString().toLowerCase(Locale.ROOT).contains("json");
        if (!body.path("model").isString() || !body.path("messages").isArray() || body.path("messages").isEmpty() || !(strictSchema || jsonMode)) {
            reply(exchange, 400, "{\"error\":{\"message\":\"invalid request: model, messages and a strict json_schema response_format (or json_object with JSON asked for in the messages)\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        String content = scripted(Wire.OPENAI, exchange, body, prompt.toString());
        if (content == null) {
            reply(exchange, status, "{\"error\":{\"message\":\"scripted failure\",\"type\":\"" + (status == 429 ? "rate_limit_exceeded" : "server_error") + "\"}}");
            return;
        }
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-peer").put("object", "chat.completion").put("created", 1_764_400_000L)
                .put("model", body.path("model").asString());
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (refuse) {
            message.putNull("content").put("refusal", "I can't help with trading decisions.");
        } else {
            message.put("content", content);
        }
        completion.putObject("usage").put("prompt_tokens", inputTokens).put("completion_tokens", outputTokens)
                .put("total_tokens", inputTokens + outputTokens);
        reply(exchange, 200, JSON.writeValueAsString(completion));
    }

    private void anthropic(HttpExchange exchange, JsonNode body) throws IOException, InterruptedException {
        if (!KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            reply(exchange, 401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
            return;
        }
        if (exchange.getRequestHeaders().getFirst("anthropic-version") == null) {
            reply(exchange, 400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"anthropic-version: header is required\"}}");
            return;
        }
        JsonNode format = body.path("output_config").path("format");
        if (!body.path("model").isString() || !body.path("max_tokens").isIntegralNumber() || !body.path("messages").isArray()
                || body.path("messages").isEmpty() || !"json_schema".equals(format.path("type").asString(""))
                || !format.path("schema").isObject()) {
            reply(exchange, 400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"model, max_tokens, messages and output_config.format json_schema are required\"}}");
            return;
        }
        StringBuilder prompt = new StringBuilder();
        body.path("system").forEach(s -> prompt.append(s.path("text").asString("")).append('\n'));
        body.path("messages").forEach(m -> m.path("content").forEach(c -> prompt.append(c.path("text").asString("")).append('\n')));
        String content = scripted(Wire.ANTHROPIC, exchange, body, prompt.toString());
        if (content == null) {
            String type = status == 429 ? "rate_limit_error" : status == 529 ? "overloaded_error" : "api_error";
            reply(exchange, status, "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"scripted failure\"}}");
            return;
        }
        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_peer").put("type", "message").put("role", "assistant").put("model", body.path("model").asString());
        if (refuse) {
            message.putArray("content");
            message.put("stop_reason", "refusal");
        } else {
            message.putArray("content").addObject().put("type", "text").put("text", content);
            message.put("stop_reason", "end_turn");
        }
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
        reply(exchange, 200, JSON.writeValueAsString(message));
    }

    private void gemini(HttpExchange exchange, JsonNode body, String model) throws IOException, InterruptedException {
        String query = exchange.getRequestURI().getQuery();
        boolean keyed = KEY.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key")) || ("key=" + KEY).equals(query);
        if (!keyed) {
            reply(exchange, 400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\"}}");
            return;
        }
        JsonNode config = body.path("generationConfig");
        if (!body.path("contents").isArray() || body.path("contents").isEmpty()
                || !"application/json".equals(config.path("responseMimeType").asString(""))
                || !(config.path("responseSchema").isObject() || config.path("responseJsonSchema").isObject())) {
            reply(exchange, 400, "{\"error\":{\"code\":400,\"message\":\"contents and a JSON response schema are required\",\"status\":\"INVALID_ARGUMENT\"}}");
            return;
        }
        StringBuilder prompt = new StringBuilder();
        body.path("systemInstruction").path("parts").forEach(p -> prompt.append(p.path("text").asString("")).append('\n'));
        body.path("contents").forEach(c -> c.path("parts").forEach(p -> prompt.append(p.path("text").asString("")).append('\n')));
        String content = scripted(Wire.GEMINI, exchange, body, prompt.toString());
        if (content == null) {
            String state = status == 429 ? "RESOURCE_EXHAUSTED" : status == 503 ? "UNAVAILABLE" : "INTERNAL";
            reply(exchange, status, "{\"error\":{\"code\":" + status + ",\"message\":\"scripted failure\",\"status\":\"" + state + "\"}}");
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        if (refuse) {
            candidate.put("finishReason", "SAFETY");
        } else {
            ObjectNode parts = candidate.putObject("content").put("role", "model");
            parts.putArray("parts").addObject().put("text", content);
            candidate.put("finishReason", "STOP");
        }
        candidate.put("index", 0);
        response.putObject("usageMetadata").put("promptTokenCount", inputTokens).put("candidatesTokenCount", outputTokens)
                .put("totalTokenCount", inputTokens + outputTokens);
        response.put("modelVersion", model);
        reply(exchange, 200, JSON.writeValueAsString(response));
    }

    /** Records the request, waits the scripted delay; the content to answer, or null when the call is to fail. */
    private String scripted(Wire wire, HttpExchange exchange, JsonNode body, String prompt) throws InterruptedException {
        requests.add(new Received(wire, exchange.getRequestURI().getPath(), body, prompt));
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        return status == 200 ? answer.apply(prompt) : null;
    }

    /** The requests received in {@code wire}'s format. */
    public List<Received> requests(Wire wire) {
        return requests.stream().filter(r -> r.wire() == wire).toList();
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
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "LlmPeer[" + baseUrl(Wire.OPENAI) + "]";
    }
}
