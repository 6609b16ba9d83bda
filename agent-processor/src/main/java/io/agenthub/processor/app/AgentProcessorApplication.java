package io.agenthub.processor.app;

import io.agenthub.kafka.streams.HealthFile;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The service as a process: {@code agenthub.processor.*} configuration in, a running {@link AgentProcessor} out. */
@SpringBootApplication
@EnableConfigurationProperties(ProcessorProperties.class)
public class AgentProcessorApplication {

    @Bean(destroyMethod = "close")
    AgentProcessor agentProcessor(ProcessorProperties properties) {
        return AgentProcessor.start(properties);
    }

    /** For a container's health check ({@code agenthub.health-file}): a heartbeat while the streams run. */
    @Bean(destroyMethod = "close")
    HealthFile healthFile(@Value("${agenthub.health-file:}") String file, AgentProcessor processor) {
        return HealthFile.start(file, () -> processor.state() == KafkaStreams.State.RUNNING || processor.state() == KafkaStreams.State.REBALANCING);
    }

    public static void main(String[] args) {
        SpringApplication.run(AgentProcessorApplication.class, args);
    }
}
