package io.agenthub.api.app;

import io.agenthub.api.agents.LiveCredentials;
import io.agenthub.api.outbox.OutboxRelay;
import io.agenthub.api.projection.StatusProjection;
import io.agenthub.api.web.BodySizeLimitFilter;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Clock;
import java.util.Map;

/** The API's collaborators that are not Spring components of their own. */
@Configuration
public class ApiConfig {

    /** Request bodies above this are refused with 413 before they are parsed. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Topics topics(ApiProperties properties) {
        return properties.kafka().topicPrefix().isEmpty() ? Topics.standard() : Topics.withPrefix(properties.kafka().topicPrefix());
    }

    @Bean
    Instruments instruments() {
        return Instruments.defaults();
    }

    @Bean
    StrategyCatalog strategyCatalog() {
        return StrategyCatalog.builtIn();
    }

    @Bean
    LiveCredentials liveCredentials() {
        return new LiveCredentials(System::getenv);
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit() {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(MAX_BODY_BYTES));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    OutboxRelay outboxRelay(ApiProperties properties, Environment environment) {
        return new OutboxRelay(properties, environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
    }

    @Bean(destroyMethod = "close")
    KafkaProducer<byte[], DeadLetter> deadLetterProducer(ApiProperties properties, Topics topics) {
        var topic = topics.deadLetters(topics.agentsStatus());
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, properties.kafka().groupId() + "-dead-letters",
                ProducerConfig.ACKS_CONFIG, "all"),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @Bean
    StatusProjection statusProjection(Topics topics, KafkaProducer<byte[], DeadLetter> deadLetterProducer, JdbcClient jdbc,
                                      TransactionTemplate transactions, MeterRegistry meters) {
        return new StatusProjection(topics, deadLetterProducer, jdbc, transactions, meters);
    }

    @Bean
    KafkaMessageListenerContainer<byte[], byte[]> statusProjectionContainer(ApiProperties properties, Topics topics,
                                                                           StatusProjection projection) {
        Map<String, Object> consumer = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, properties.kafka().groupId() + "-agent-status",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ContainerProperties container = new ContainerProperties(topics.agentsStatus().name());
        container.setMessageListener(projection);
        container.setPollTimeout(500);
        KafkaMessageListenerContainer<byte[], byte[]> listener = new KafkaMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer()), container);
        // A failure to apply (PostgreSQL away) is retried every second, never skipped: the status is not lost.
        listener.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        return listener;
    }
}
