package io.agenthub.supervisor.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.agenthub.core.market.Bar;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.supervisor.advice.AdvisorContext;
import io.agenthub.supervisor.advice.FallbackAdvisor;
import io.agenthub.supervisor.advice.PlanAdvice;
import io.agenthub.supervisor.advice.RuleBasedAdvisor;
import io.agenthub.supervisor.advice.SupervisionAdvice;
import io.agenthub.supervisor.advice.UnusableReply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The planner and supervisor on a chat model through langchain4j (OpenAI, Anthropic, Gemini, or DeepSeek at its
 * OpenAI-compatible endpoint), answering in JSON to a schema. The model sees evidence, not just numbers: recent closes,
 * indicators, the agent's bounds, and short backtests of the catalogue over the same bars. Whatever it answers is
 * parsed here and validated by the caller ({@link FallbackAdvisor}); nothing it says is trusted as is.
 */
public final class ChatModelAdvisor implements FallbackAdvisor.ModelAdvisor {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CLOSES_SHOWN = 40;

    private final LlmProvider provider;
    private final String modelName;
    private final ChatModel model;
    private final RuleBasedAdvisor evidence;
    private final StrategyCatalog catalog;

    public ChatModelAdvisor(LlmProvider provider, String baseUrl, String apiKey, String modelName, Duration timeout, RuleBasedAdvisor evidence,
                            StrategyCatalog catalog) {
        this.provider = provider;
        this.modelName = modelName;
        this.evidence = evidence;
        this.catalog = catalog;
        this.model = provider.chatModel(baseUrl, apiKey, modelName, timeout);
    }

    @Override
    public String provider() {
        return provider.id();
    }

    @Override
    public String model() {
        return modelName;
    }

    @Override
    public boolean retriable(Exception failure) {
        return failure instanceof dev.langchain4j.exception.RetriableException && !(failure instanceof dev.langchain4j.exception.TimeoutException);
    }

    @Override
    public FallbackAdvisor.Reply<PlanAdvice> plan(AdvisorContext context) {
        String candidates = evidence.backtests(context).stream().limit(8)
                .map(c -> String.format(Locale.ROOT, "- %s: net %+.2f over %d trades", c.strategy().name(), c.netPnl(), c.trades()))
                .collect(Collectors.joining("\n"));
        String strategies = catalog.all().stream().sorted(Comparator.comparing(StrategyDefinition::name))
                .map(s -> s.name() + " (lookback " + (int) s.parameter("lookback").min() + ".." + (int) s.parameter("lookback").max() + ")")
                .collect(Collectors.joining(", "));
        String system = "You plan for an automated trading agent. Pick one strategy from this catalogue and only from it: " + strategies
                + ". Give its lookback in bars, a signal threshold in (0, 1], and max_loss_pct, the furthest a stop may sit from entry, "
                + "at most the agent's bound. Explain briefly. Answer only with the JSON the schema describes.";
        String user = marketSummary(context) + "\nBacktests of the catalogue over these bars (default parameters, the agent's bounds):\n"
                + (candidates.isEmpty() ? "(too few bars)" : candidates);
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("strategy_name")
                .addIntegerProperty("lookback")
                .addNumberProperty("threshold")
                .addNumberProperty("max_loss_pct")
                .addStringProperty("reasoning")
                .required("strategy_name", "lookback", "threshold", "max_loss_pct", "reasoning")
                .additionalProperties(false)
                .build();
        Answer answer = ask(system, user, "strategy_plan", schema);
        try {
            JsonNode json = answer.json();
            if (!json.path("lookback").isIntegralNumber()) {
                throw new IllegalStateException("the reply has no integer field 'lookback'");
            }
            PlanAdvice plan = new PlanAdvice(text(json, "strategy_name"), json.path("lookback").asInt(), decimal(json, "threshold"),
                    decimal(json, "max_loss_pct"), Map.of(), text(json, "reasoning"), candidates);
            return new FallbackAdvisor.Reply<>(plan, answer.raw(), answer.inputTokens(), answer.outputTokens());
        } catch (IllegalStateException e) {
            throw new UnusableReply(e.getMessage(), answer.raw(), answer.inputTokens(), answer.outputTokens());
        }
    }

    @Override
    public FallbackAdvisor.Reply<SupervisionAdvice> supervise(AdvisorContext context) {
        AdvisorContext.OpenPosition position = context.position();
        String system = "You supervise an open position of an automated trading agent. Answer KEEP, CLOSE, or ADJUST_TP_SL with a new "
                + "stop_loss and take_profit (prices). A stop must stay on the losing side of the current price and never further than "
                + "max_loss_pct from entry. For KEEP and CLOSE give 0 for both levels. Answer only with the JSON the schema describes.";
        String user = marketSummary(context) + (position == null ? "\nNo open position." : String.format(Locale.ROOT,
                "%nPosition: %s %s at %s, stop %s, take-profit %s, unrealised P&L %s.", position.side(), position.quantity().toPlainString(),
                position.entryPrice().toPlainString(), plain(position.stopLoss()), plain(position.takeProfit()),
                plain(position.unrealizedPnl())));
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addEnumProperty("action", List.of("KEEP", "CLOSE", "ADJUST_TP_SL"))
                .addNumberProperty("stop_loss")
                .addNumberProperty("take_profit")
                .addStringProperty("reasoning")
                .required("action", "stop_loss", "take_profit", "reasoning")
                .additionalProperties(false)
                .build();
        Answer answer = ask(system, user, "supervision", schema);
        try {
            JsonNode json = answer.json();
            SupervisionAdvice.Action action;
            try {
                action = SupervisionAdvice.Action.valueOf(text(json, "action"));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the reply's action is not KEEP, CLOSE or ADJUST_TP_SL");
            }
            BigDecimal stop = decimal(json, "stop_loss");
            BigDecimal target = decimal(json, "take_profit");
            boolean adjust = action == SupervisionAdvice.Action.ADJUST_TP_SL;
            return new FallbackAdvisor.Reply<>(new SupervisionAdvice(action, adjust ? stop : null, adjust ? target : null,
                    text(json, "reasoning")), answer.raw(), answer.inputTokens(), answer.outputTokens());
        } catch (IllegalStateException e) {
            throw new UnusableReply(e.getMessage(), answer.raw(), answer.inputTokens(), answer.outputTokens());
        }
    }

    private record Answer(JsonNode json, String raw, Integer inputTokens, Integer outputTokens) {
    }

    private Answer ask(String system, String user, String schemaName, JsonObjectSchema schema) {
        ResponseFormat format = provider.enforcesSchema()
                ? ResponseFormat.builder().type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name(schemaName).rootElement(schema).build()).build()
                : ResponseFormat.JSON;
        String instructions = provider.enforcesSchema() ? system : system + " The JSON object has exactly these fields: " + describe(schema) + ".";
        ChatRequest request = ChatRequest.builder()
                .messages(List.of(SystemMessage.from(instructions), UserMessage.from(user)))
                .responseFormat(format)
                .build();
        ChatResponse response;
        try {
            response = model.chat(request);
        } catch (ContentFilteredException e) {
            // OpenAI's structured-output refusal: an answer, not a failure of the provider
            throw new UnusableReply("the model refused to answer: " + e.getMessage(), null, null, null);
        }
        String raw = response.aiMessage() == null ? null : response.aiMessage().text();
        Integer in = response.tokenUsage() == null ? null : response.tokenUsage().inputTokenCount();
        Integer out = response.tokenUsage() == null ? null : response.tokenUsage().outputTokenCount();
        if (raw == null || raw.isBlank()) {
            boolean refused = response.finishReason() == FinishReason.CONTENT_FILTER;
            throw new UnusableReply(refused ? "the model refused to answer" : "the reply is empty (a refusal?)", raw, in, out);
        }
        String kept = raw.length() > 4000 ? raw.substring(0, 4000) : raw;
        JsonNode json;
        try {
            json = JSON.readTree(raw);
        } catch (RuntimeException e) {
            throw new UnusableReply("the reply is not JSON", kept, in, out);
        }
        if (!json.isObject()) {
            throw new UnusableReply("the reply is not a JSON object", kept, in, out);
        }
        return new Answer(json, kept, in, out);
    }

    /** The schema in words, for a provider in JSON mode: {@code "action" (one of KEEP, CLOSE), "stop_loss" (number), ...}. */
    static String describe(JsonObjectSchema schema) {
        return schema.properties().entrySet().stream().map(e -> "\"" + e.getKey() + "\" (" + switch (e.getValue()) {
            case JsonEnumSchema values -> "one of " + String.join(", ", values.enumValues());
            case JsonIntegerSchema ignored -> "integer";
            case JsonNumberSchema ignored -> "number";
            default -> "string";
        } + ")").collect(Collectors.joining(", "));
    }

    private static String marketSummary(AdvisorContext context) {
        List<Bar> bars = context.bars();
        String closes = bars.subList(Math.max(0, bars.size() - CLOSES_SHOWN), bars.size()).stream()
                .map(b -> b.close().stripTrailingZeros().toPlainString()).collect(Collectors.joining(" "));
        AdvisorContext.Bounds bounds = context.bounds();
        return String.format(Locale.ROOT, "%s, bars of %d s; last price %s.%nLast closes (oldest first): %s%nIndicators: %s%n"
                        + "Current plan: %s%nAgent bounds: stop %s %%, take-profit %s %%, max_loss_pct %s %%, leverage %d, shorts %s.",
                context.symbol(), context.intervalSeconds(), context.lastPrice().toPlainString(), closes.isEmpty() ? "(none yet)" : closes,
                context.indicators().isEmpty() ? "(none)" : context.indicators(),
                context.currentPlan() == null ? "(none)" : context.currentPlan().strategyName() + " lookback " + context.currentPlan().lookback(),
                bounds.stopLossPct().toPlainString(), bounds.takeProfitPct().toPlainString(), bounds.maxLoss().toPlainString(),
                bounds.leverage(), bounds.allowShort() ? "allowed" : "not allowed");
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isString()) {
            throw new IllegalStateException("the reply has no text field '" + field + "'");
        }
        return node.asString();
    }

    private static BigDecimal decimal(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isNumber()) {
            throw new IllegalStateException("the reply has no number field '" + field + "'");
        }
        return node.decimalValue();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "none" : value.toPlainString();
    }
}
