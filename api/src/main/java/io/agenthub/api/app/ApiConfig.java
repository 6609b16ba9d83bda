package io.agenthub.api.app;

import io.agenthub.api.live.LiveUpdates;
import io.agenthub.api.outbox.OutboxRelay;
import io.agenthub.api.projection.CandleProjection;
import io.agenthub.api.projection.DecisionProjection;
import io.agenthub.api.projection.ExecutionProjection;
import io.agenthub.api.projection.LogProjection;
import io.agenthub.api.projection.PlanProjection;
import io.agenthub.api.projection.PositionProjection;
import io.agenthub.api.projection.Projection;
import io.agenthub.api.projection.Projections;
import io.agenthub.api.projection.StatusProjection;
import io.agenthub.api.secrets.OverridePublisher;
import io.agenthub.api.web.BodySizeLimitFilter;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

import java.time.Clock;
import java.util.List;
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

    /**
     * JSON has no NaN or infinity: a number that is not finite (a win rate without trades, a profit factor without
     * losses) is written {@code null}, never the strings Jackson writes by default. A body that gives a key twice is
     * refused (Jackson would keep the last, and a check in front of the API might have read the first).
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        StdSerializer<Double> finiteOrNull = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
                if (value.isNaN() || value.isInfinite()) {
                    generator.writeNull();
                } else {
                    generator.writeNumber(value);
                }
            }
        };
        SimpleModule module = new SimpleModule("finite-numbers");
        module.addSerializer(Double.class, finiteOrNull);
        module.addSerializer(Double.TYPE, finiteOrNull);
        return builder -> builder.addModule(module).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
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
        var topic = topics.deadLetters(topics.agentsStatus()); // every DLQ has the same serdes
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, properties.kafka().applicationId() + "-dead-letters",
                ProducerConfig.ACKS_CONFIG, "all"),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @Bean
    Projections projections(ApiProperties properties, Topics topics, KafkaProducer<byte[], DeadLetter> deadLetterProducer,
                            JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters, LiveUpdates live,
                            OverridePublisher overrides) {
        Projection.Services services = new Projection.Services(deadLetterProducer, jdbc, transactions, meters, live);
        return new Projections(properties.kafka().bootstrapServers(), properties.kafka().applicationId(), List.of(
                new StatusProjection(topics, services, overrides),
                new LogProjection(topics, services),
                new ExecutionProjection(topics, services),
                new PositionProjection(topics, services),
                new CandleProjection(topics, services),
                new DecisionProjection(topics, services),
                new PlanProjection(topics, services)));
    }
}
