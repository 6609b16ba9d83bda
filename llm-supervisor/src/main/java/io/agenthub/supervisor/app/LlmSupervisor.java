package io.agenthub.supervisor.app;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.schemas.dlq.DeadLetters;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.streams.AgentRecords;
import io.agenthub.schemas.streams.RecordParser;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.supervisor.AdviceHandler;
import io.agenthub.supervisor.advice.AdviceValidator;
import io.agenthub.supervisor.advice.FallbackAdvisor;
import io.agenthub.supervisor.advice.RuleBasedAdvisor;
import io.agenthub.supervisor.openai.OpenAiAdvisor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The supervisor as a running service: reads {@code advisor.requests} (read committed), answers each with the
 * advisor, and publishes the answer on {@code agents.plans} or {@code risk.adjustments} and the decision on
 * {@code agents.decisions} before the request's offset is committed (at least once; answers carry ids derived from
 * the request). It runs beside the stream processors, never on their threads: an agent trades on its current plan
 * until an answer lands. A request that does not parse goes to {@code advisor.requests.dlq}.
 */
public final class LlmSupervisor implements SmartLifecycle, MessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(LlmSupervisor.class);

    private final Topics topics;
    private final RecordParser<String, AdvisorRequest> parser;
    private final AdviceHandler handler;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaMessageListenerContainer<byte[], byte[]> container;
    private final AtomicLong answered = new AtomicLong();
    private volatile boolean running;

    public LlmSupervisor(SupervisorProperties properties) {
        SupervisorProperties.Kafka kafka = properties.kafka();
        this.topics = kafka.topicPrefix().isEmpty() ? Topics.standard() : Topics.withPrefix(kafka.topicPrefix());
        this.parser = AgentRecords.parser(topics.advisorRequests(), AdvisorRequest::getAgentId);
        this.handler = new AdviceHandler(advisor(properties.llm(), System::getenv), Clock.systemUTC());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, kafka.groupId() + "-answers",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
        ContainerProperties container = new ContainerProperties(topics.advisorRequests().name());
        container.setMessageListener(this);
        container.setPollTimeout(200);
        this.container = new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer()), container);
        this.container.setBeanName("advisor-requests");
        // publishing failed (Kafka away): retried, never skipped, so no request goes unanswered
        this.container.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
    }

    /** The model named by the settings (or {@code LLM_PROVIDER}) with its key from the environment, behind the rules. */
    static FallbackAdvisor advisor(SupervisorProperties.Llm llm, java.util.function.Function<String, String> environment) {
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        RuleBasedAdvisor rules = new RuleBasedAdvisor(catalog, Instruments.defaults());
        String provider = (llm.provider().isBlank() ? java.util.Objects.requireNonNullElse(environment.apply("LLM_PROVIDER"), "") : llm.provider())
                .strip().toLowerCase(java.util.Locale.ROOT);
        java.util.Optional<FallbackAdvisor.ModelAdvisor> model = java.util.Optional.empty();
        if (provider.equals("openai") || provider.equals("deepseek")) {
            String key = environment.apply(provider.equals("openai") ? "OPENAI_API_KEY" : "DEEPSEEK_API_KEY");
            if (key != null && !key.isBlank()) {
                String envModel = environment.apply("LLM_MODEL");
                String name = !llm.model().isBlank() ? llm.model() : envModel != null && !envModel.isBlank() ? envModel
                        : provider.equals("openai") ? "gpt-4o-mini" : "deepseek-chat";
                String url = !llm.baseUrl().isBlank() ? llm.baseUrl()
                        : provider.equals("openai") ? "https://api.openai.com/v1" : "https://api.deepseek.com/v1";
                model = java.util.Optional.of(new OpenAiAdvisor(provider, url, key, name, llm.timeout(), rules, catalog));
            }
        } else if (!provider.isEmpty() && !provider.equals("none")) {
            log.warn("LLM provider '{}' is not supported here yet (openai, deepseek): the rule-based advisor decides", provider);
        }
        return new FallbackAdvisor(model, rules, new AdviceValidator(catalog));
    }

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        AdvisorRequest request;
        try {
            request = parser.parse(record.key(), record.value()).value();
        } catch (Exception e) {
            deadLetter(record, e);
            return;
        }
        AdviceHandler.Answer answer = handler.handle(request);
        byte[] key = record.key();
        if (answer.reply() instanceof StrategyPlan plan) {
            send(topics.agentsPlans(), key, plan);
        } else {
            send(topics.riskAdjustments(), key, (RiskAdjustment) answer.reply());
        }
        send(topics.agentsDecisions(), key, answer.decision());
        answered.incrementAndGet();
    }

    private <V> void send(Topic<String, V> topic, byte[] key, V value) {
        await(producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value))));
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error) {
        DeadLetter letter = DeadLetters.of("agenthub-llm-supervisor", record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), record.headers(), error, Instant.now());
        log.warn("dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), letter.getErrorMessage());
        Topic<byte[], DeadLetter> dlq = topics.deadLetters(topics.advisorRequests());
        await(producer.send(new ProducerRecord<>(dlq.name(), record.key(), dlq.valueSerde().serializer().serialize(dlq.name(), letter))));
    }

    private static void await(java.util.concurrent.Future<?> sent) {
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Requests answered since start. */
    public long answered() {
        return answered.get();
    }

    @Override
    public void start() {
        container.start();
        running = true;
        log.info("supervisor answering {}", topics.advisorRequests().name());
    }

    @Override
    public void stop() {
        container.stop();
        producer.close(Duration.ofSeconds(5));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
