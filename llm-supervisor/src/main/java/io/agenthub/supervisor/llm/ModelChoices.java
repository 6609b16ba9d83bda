package io.agenthub.supervisor.llm;

import io.agenthub.core.ids.UserId;
import io.agenthub.core.ids.AgentId;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.secrets.SecretResolver;
import io.agenthub.supervisor.AdviceHandler;
import io.agenthub.supervisor.advice.FallbackAdvisor;
import io.agenthub.supervisor.advice.RuleBasedAdvisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which model advises each agent, resolved through the shared secret resolver (the overrides of the request that
 * started the agent → agent → owner → environment) from
 * {@code LLM_PROVIDER}, {@code LLM_MODEL} and the provider's key ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY},
 * {@code DEEPSEEK_API_KEY}, {@code GEMINI_API_KEY}). So one user may bring their own Anthropic key while the
 * operator's OpenAI key serves everyone else. No provider chosen: the rules decide. A provider chosen without its key,
 * or one not supported: the rules decide as a fallback naming the missing key, and a warning says so once.
 *
 * <p>Choices are kept for {@link #REFRESH} (a rotated key is picked up within it, changed overrides at once:
 * {@link #forget}); a model client is made once per
 * provider, model, base URL and key.
 */
public final class ModelChoices implements FallbackAdvisor.ModelSource {

    private static final Logger log = LoggerFactory.getLogger(ModelChoices.class);

    static final Duration REFRESH = Duration.ofSeconds(60);
    private static final int MAX_CLIENTS = 1_000;

    private final SecretResolver resolver;
    private final Map<LlmProvider, String> baseUrls;
    private final Duration timeout;
    private final RuleBasedAdvisor evidence;
    private final StrategyCatalog catalog;
    private final Clock clock;
    private final Map<String, Kept> chosen = new ConcurrentHashMap<>();
    /** Guarded by itself; least recently used first. */
    private final Map<String, ChatModelAdvisor> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChatModelAdvisor> eldest) {
            return size() > MAX_CLIENTS;
        }
    };
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private record Kept(FallbackAdvisor.Choice choice, Instant until) {
    }

    /**
     * @param baseUrls where each provider is reached; a provider not named here is reached at its public URL
     */
    public ModelChoices(SecretResolver resolver, Map<LlmProvider, String> baseUrls, Duration timeout, RuleBasedAdvisor evidence,
                        StrategyCatalog catalog, Clock clock) {
        this.resolver = resolver;
        this.baseUrls = Map.copyOf(baseUrls);
        this.timeout = timeout;
        this.evidence = evidence;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The agent's model is chosen again at its next request (its overrides changed or ended). */
    public void forget(AgentId agentId) {
        chosen.keySet().removeIf(key -> key.endsWith("/" + agentId.value()));
    }

    @Override
    public FallbackAdvisor.Choice choose(String ownerId, String agentId) {
        Instant now = clock.instant();
        String key = ownerId + "/" + agentId;
        Kept kept = chosen.get(key);
        if (kept != null && now.isBefore(kept.until())) {
            return kept.choice();
        }
        if (chosen.size() > 10_000) {
            chosen.values().removeIf(k -> !now.isBefore(k.until()));
        }
        FallbackAdvisor.Choice choice;
        Instant until = now.plus(REFRESH);
        try {
            // owners are users' ids and agents agents' ids; anything else (a test's agent, a replay) has no stored
            // secrets, only the environment
            choice = resolve(UserId.parse(ownerId).orElse(null), AgentId.parse(agentId).orElse(null));
        } catch (RuntimeException e) {
            // the secret store is unreachable: the rules answer now, and the store is asked again soon
            choice = unavailable("the model's settings could not be read from the secret store: " + e.getMessage());
            until = now.plusSeconds(5);
        }
        chosen.put(key, new Kept(choice, until));
        return choice;
    }

    private FallbackAdvisor.Choice resolve(UserId owner, AgentId agentId) {
        Optional<String> named = value("LLM_PROVIDER", owner, agentId);
        if (named.isEmpty() || named.get().isBlank() || named.get().strip().equalsIgnoreCase("none")) {
            return FallbackAdvisor.Choice.none();
        }
        Optional<LlmProvider> provider = LlmProvider.find(named.get());
        if (provider.isEmpty()) {
            return unavailable("LLM_PROVIDER '" + named.get().strip() + "' is not one of " + LlmProvider.ids());
        }
        LlmProvider chosen = provider.get();
        Optional<String> apiKey = value(chosen.keyName(), owner, agentId);
        if (apiKey.isEmpty()) {
            return unavailable(chosen.id() + " is chosen but " + chosen.keyName() + " is not set for this agent, its owner or the service");
        }
        String model = value("LLM_MODEL", owner, agentId).filter(m -> !m.isBlank()).orElse(chosen.defaultModel());
        String baseUrl = baseUrls.getOrDefault(chosen, chosen.defaultBaseUrl());
        String client = chosen.id() + "|" + model + "|" + baseUrl + "|" + AdviceHandler.sha256(apiKey.get());
        synchronized (clients) {
            return FallbackAdvisor.Choice.of(clients.computeIfAbsent(client,
                    k -> new ChatModelAdvisor(chosen, baseUrl, apiKey.get(), model, timeout, evidence, catalog)));
        }
    }

    private FallbackAdvisor.Choice unavailable(String reason) {
        if (warned.add(reason)) {
            log.warn("{}: the rule-based advisor decides instead", reason);
        }
        return FallbackAdvisor.Choice.unavailable(reason);
    }

    private Optional<String> value(String name, UserId owner, AgentId agentId) {
        return resolver.resolve(name, owner, agentId).map(SecretResolver.Resolved::value);
    }

}
