package io.agenthub.supervisor.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The model providers the supervisor can ask, each through its langchain4j module: OpenAI, Anthropic and Google
 * Gemini natively, DeepSeek at its OpenAI-compatible endpoint. Each names the secret that holds its API key, a default
 * model and its public base URL. Every model answers in JSON: in the requested JSON schema where the provider enforces
 * one (OpenAI's strict structured outputs, Anthropic's and Gemini's), in JSON mode with the schema described in the
 * prompt where it does not (DeepSeek). None retries by itself: retries, backoff and the circuit breaker are the
 * supervisor's ({@code FallbackAdvisor}, {@code ModelGuard}).
 */
public enum LlmProvider {

    OPENAI("OPENAI_API_KEY", "gpt-4o-mini", "https://api.openai.com/v1"),
    ANTHROPIC("ANTHROPIC_API_KEY", "claude-sonnet-4-5", "https://api.anthropic.com/v1"),
    DEEPSEEK("DEEPSEEK_API_KEY", "deepseek-chat", "https://api.deepseek.com/v1"),
    GEMINI("GEMINI_API_KEY", "gemini-2.5-flash", "https://generativelanguage.googleapis.com/v1beta");

    /** The most a reply may spend: our answers are a few fields and a short reasoning. */
    static final int MAX_OUTPUT_TOKENS = 1024;

    private final String keyName;
    private final String defaultModel;
    private final String defaultBaseUrl;

    LlmProvider(String keyName, String defaultModel, String defaultBaseUrl) {
        this.keyName = keyName;
        this.defaultModel = defaultModel;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** As settings and {@code LLM_PROVIDER} name it: {@code openai}, {@code anthropic}, {@code deepseek}, {@code gemini}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The secret (or environment variable) holding the API key. */
    public String keyName() {
        return keyName;
    }

    public String defaultModel() {
        return defaultModel;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** Whether the provider enforces a JSON schema on its answer; if not, JSON mode and the schema in the prompt. */
    public boolean enforcesSchema() {
        return this != DEEPSEEK;
    }

    public static Optional<LlmProvider> find(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id().equals(wanted)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(LlmProvider::id).toList());
    }

    /** A chat model of this provider that answers in a JSON schema, with no retries of its own. */
    public ChatModel chatModel(String baseUrl, String apiKey, String modelName, Duration timeout) {
        return switch (this) {
            case OPENAI -> OpenAiChatModel.builder()
                    .baseUrl(baseUrl).apiKey(apiKey).modelName(modelName).timeout(timeout).maxRetries(0)
                    .maxCompletionTokens(MAX_OUTPUT_TOKENS)
                    .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).strictJsonSchema(true)
                    .build();
            case DEEPSEEK -> OpenAiChatModel.builder()
                    .baseUrl(baseUrl).apiKey(apiKey).modelName(modelName).timeout(timeout).maxRetries(0)
                    .maxTokens(MAX_OUTPUT_TOKENS)
                    .build();
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .baseUrl(baseUrl).apiKey(apiKey).modelName(modelName).timeout(timeout).maxRetries(0)
                    .maxTokens(MAX_OUTPUT_TOKENS)
                    .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                    .build();
            case GEMINI -> GoogleAiGeminiChatModel.builder()
                    .baseUrl(baseUrl).apiKey(apiKey).modelName(modelName).timeout(timeout).maxRetries(0)
                    .maxOutputTokens(MAX_OUTPUT_TOKENS)
                    .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                    .build();
        };
    }
}
