package io.agenthub.supervisor.app;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.kafka.KafkaSettings;
import io.agenthub.kafka.dlq.DeadLetters;
import io.agenthub.kafka.streams.AgentRecords;
import io.agenthub.kafka.streams.RecordParser;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.secrets.OverrideFeed;
import io.agenthub.secrets.SecretOverrides;
import io.agenthub.secrets.SecretResolver;
import io.agenthub.supervisor.AdviceHandler;
import io.agenthub.supervisor.advice.AdviceValidator;
import io.agenthub.supervisor.advice.FallbackAdvisor;
import io.agenthub.supervisor.advice.ModelGuard;
import io.agenthub.supervisor.advice.RuleBasedAdvisor;
import io.agenthub.supervisor.llm.LlmProvider;
import io.agenthub.supervisor.llm.ModelChoices;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The planner and the supervisor. Plans answer the processors' {@code advisor.requests} (an agent asks for one every N
 * bars) on {@code agents.plans}; supervision answers the position events of {@code positions.events} that ask for a
 * review (a {@code MARKED} event with {@code review}, every N ticks on an open position) on {@code risk.adjustments},
 * naming the position event it answers; every decision is audited on {@code agents.decisions}. Exactly once: both
 * topics are read committed in one consumer group, and each batch's answers, dead letters and consumed offsets commit
 * in one Kafka transaction (spring-kafka's transactional container), so a supervisor restarted mid-stream neither
 * skips an event nor answers one twice; a failed batch is rolled back and taken again, never skipped. Answers carry ids
 * derived from what they answer. It runs beside the stream processors, never on their threads: an agent trades on its
 * current plan and levels until an answer lands. Requests are answered on a pool of {@code concurrency} threads, so
 * that many agents due at once wait for one another only as long as the provider makes them; one that waited past
 * {@code stale-after} is answered by the rules at once. A record that does not parse, or a request that cannot be
 * answered at all, goes to its topic's {@code .dlq}.
 */
public final class LlmSupervisor implements SmartLifecycle, BatchMessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(LlmSupervisor.class);

    private final Topics topics;
    private final RecordParser<String, AdvisorRequest> requests;
    private final RecordParser<String, PositionEvent> positions;
    private final AdviceHandler handler;
    private final ExecutorService pool;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final KafkaTemplate<byte[], byte[]> producer;
    private final KafkaMessageListenerContainer<byte[], byte[]> container;
    private final AtomicLong answered = new AtomicLong();
    private final SecretOverrides overrides;
    private final String bootstrapServers;
    private final String overridesClient;
    private OverrideFeed overrideFeed;
    private volatile boolean running;

    public LlmSupervisor(SupervisorProperties properties) {
        this(properties, System::getenv);
    }

    /** With {@code environment} as the last place keys and settings are looked up (the process environment in production). */
    public LlmSupervisor(SupervisorProperties properties, Function<String, String> environment) {
        KafkaSettings kafka = properties.kafka();
        int concurrency = properties.llm().concurrency();
        this.topics = kafka.topicPrefix().isEmpty() ? Topics.standard() : Topics.withPrefix(kafka.topicPrefix());
        this.requests = AgentRecords.parser(topics.advisorRequests(), AdvisorRequest::getAgentId);
        this.positions = AgentRecords.parser(topics.positionsEvents(), PositionEvent::getAgentId);
        this.overrides = SecretOverrides.openedWith(properties.secrets().masterKeys());
        this.bootstrapServers = kafka.bootstrapServers();
        this.overridesClient = kafka.applicationId() + "-overrides";
        this.handler = new AdviceHandler(advisor(properties, environment, overrides, Clock.systemUTC()), Clock.systemUTC());
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread thread = new Thread(r, "advisor-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, kafka.applicationId() + "-answers",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
        // one transactional id per instance (EOS v2 wants them unique across replicas), the same again when the instance
        // restarts on its host: the new one fences a transaction its killed predecessor left open at once
        producers.setTransactionIdPrefix(kafka.applicationId() + "-" + instance() + "-tx-");
        this.producer = new KafkaTemplate<>(producers);
        ContainerProperties container = new ContainerProperties(topics.advisorRequests().name(), topics.positionsEvents().name());
        container.setMessageListener(this);
        container.setPollTimeout(200);
        // answers, dead letters and the batch's offsets commit together, or not at all
        container.setKafkaAwareTransactionManager(new KafkaTransactionManager<>(producers));
        // a batch takes at most about stale-after plus one round of model calls (timeout × attempts): well inside this
        Duration batchBound = properties.llm().staleAfter().plus(properties.llm().timeout().multipliedBy(4)).plusMinutes(5);
        this.container = new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, kafka.applicationId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a batch is a transaction, and commits cost: bigger batches answer a burst sooner (bin/bench supervisor:
                // 1,000 reviews by the rules in 1.4 s with 256 a batch, 1.9 s with 64); most position events ask nothing
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(256, concurrency * 8),
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) batchBound.toMillis()), new ByteArrayDeserializer(), new ByteArrayDeserializer()), container);
        this.container.setBeanName("advisor");
        // publishing failed (Kafka away): the transaction is rolled back and the batch taken again, never skipped
        this.container.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
    }

    /** This instance's name: its host's (a container's stays the same across its restarts). */
    private static String instance() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "local";
            }
        }
        return host.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * The advisor: the model each agent's settings choose (resolved from the overrides its starting request sent, then
     * the secret store when one is configured, then the environment), behind the guard and the rules.
     */
    static FallbackAdvisor advisor(SupervisorProperties properties, Function<String, String> environment, SecretOverrides overrides,
                                   Clock clock) {
        SupervisorProperties.Llm llm = properties.llm();
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        RuleBasedAdvisor rules = new RuleBasedAdvisor(catalog, Instruments.defaults());
        Map<LlmProvider, String> baseUrls = new EnumMap<>(LlmProvider.class);
        llm.baseUrls().forEach((id, url) -> baseUrls.put(LlmProvider.find(id).orElseThrow(() -> new IllegalArgumentException(
                "agenthub.supervisor.llm.base-urls." + id + ": not a provider (" + LlmProvider.ids() + ")")), url));
        // the operator's settings stand where the environment would: an agent's or user's own secret still wins
        Function<String, String> operator = name -> switch (name) {
            case "LLM_PROVIDER" -> llm.provider().isBlank() ? environment.apply(name) : llm.provider();
            case "LLM_MODEL" -> llm.model().isBlank() ? environment.apply(name) : llm.model();
            default -> environment.apply(name);
        };
        ModelChoices choices = new ModelChoices(resolver(properties.secrets(), operator, clock).withOverrides(overrides), baseUrls,
                llm.timeout(), rules, catalog, clock);
        overrides.onChange(choices::forget);
        ModelGuard guard = new ModelGuard(new ModelGuard.Limits(llm.failuresToOpen(), llm.openFor(), llm.callsPerOwnerPerHour(),
                llm.tokensPerOwnerPerHour()), clock);
        return new FallbackAdvisor(choices, rules, new AdviceValidator(catalog), guard, llm.staleAfter());
    }

    private static SecretResolver resolver(SupervisorProperties.Secrets secrets, Function<String, String> environment, Clock clock) {
        if (secrets.jdbcUrl().isBlank()) {
            log.info("no secret store configured (agenthub.supervisor.secrets.jdbc-url): LLM keys come from the environment only");
        } else if (secrets.masterKeys().isBlank()) {
            throw new IllegalStateException("agenthub.supervisor.secrets.master-keys is required with agenthub.supervisor.secrets.jdbc-url: "
                    + "the API's master keys, to read the secrets it sealed");
        }
        return SecretResolver.connect(secrets.jdbcUrl(), secrets.username(), secrets.password(), secrets.masterKeys(), environment, clock);
    }

    /** A record of the batch being answered: its answer to come, and the position event whose review it is, if any. */
    private record Asked(ConsumerRecord<byte[], byte[]> record, Future<AdviceHandler.Answer> answer, String positionEventId) {
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Asked> asked = new ArrayList<>(records.size());
        List<Future<?>> sent = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                if (record.topic().equals(topics.positionsEvents().name())) {
                    PositionEvent event = positions.parse(record.key(), record.value()).value();
                    if (event.getReview() != null) {
                        asked.add(new Asked(record, pool.submit(() -> handler.handle(event.getReview())), event.getEventId()));
                    }
                } else {
                    AdvisorRequest request = requests.parse(record.key(), record.value()).value();
                    asked.add(new Asked(record, pool.submit(() -> handler.handle(request)), null));
                }
            } catch (Exception e) {
                sent.add(deadLetter(record, e));
            }
        }
        for (Asked one : asked) {
            AdviceHandler.Answer answer;
            try {
                answer = one.answer().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while answering", e);
            } catch (ExecutionException e) {
                // a request that parses but cannot be answered (a symbol no one knows, say): kept, not retried forever
                sent.add(deadLetter(one.record(), e.getCause() instanceof Exception cause ? cause : e));
                continue;
            }
            byte[] key = one.record().key();
            if (answer.reply() instanceof StrategyPlan plan) {
                sent.add(send(topics.agentsPlans(), key, plan));
            } else {
                RiskAdjustment adjustment = (RiskAdjustment) answer.reply();
                if (one.positionEventId() != null) {
                    // the position event it answers, as downstream consumers see it
                    adjustment.setPositionEventId(one.positionEventId());
                    adjustment.setCausationId(one.positionEventId());
                }
                sent.add(send(topics.riskAdjustments(), key, adjustment));
            }
            sent.add(send(topics.agentsDecisions(), key, answer.decision()));
            answered.incrementAndGet();
        }
        sent.forEach(LlmSupervisor::await);
    }

    private <V> Future<?> send(Topic<String, V> topic, byte[] key, V value) {
        return producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    private Future<?> deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error) {
        DeadLetter letter = DeadLetters.of("agenthub-llm-supervisor", record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), record.headers(), error, Instant.now());
        log.warn("dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), letter.getErrorMessage());
        Topic<byte[], DeadLetter> dlq = topics.deadLetters(record.topic().equals(topics.positionsEvents().name())
                ? topics.positionsEvents() : topics.advisorRequests());
        return producer.send(new ProducerRecord<>(dlq.name(), record.key(), dlq.valueSerde().serializer().serialize(dlq.name(), letter)));
    }

    private static void await(Future<?> sent) {
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
        // before the first request: an agent started with X-Secret-* keys is advised with them from its first plan
        overrideFeed = OverrideFeed.start(bootstrapServers, overridesClient, topics.agentsCredentials(), overrides, Duration.ofSeconds(30));
        container.start();
        running = true;
        log.info("supervisor answering {} and the reviews of {}", topics.advisorRequests().name(), topics.positionsEvents().name());
    }

    @Override
    public void stop() {
        container.stop();
        pool.shutdownNow();
        producers.destroy();
        if (overrideFeed != null) {
            overrideFeed.close();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
