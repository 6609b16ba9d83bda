package io.agenthub.gateway.app;

import io.agenthub.kafka.streams.HealthFile;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The service as a process: {@code agenthub.gateway.*} configuration in, a running {@link ExecutionGateway} out. */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class ExecutionGatewayApplication {

    @Bean(destroyMethod = "close")
    ExecutionGateway executionGateway(GatewayProperties properties) {
        return ExecutionGateway.start(properties);
    }

    /** For a container's health check ({@code agenthub.health-file}): a heartbeat while it works. */
    @Bean(destroyMethod = "close")
    HealthFile healthFile(@Value("${agenthub.health-file:}") String file, ExecutionGateway gateway) {
        return HealthFile.start(file, () -> gateway.state() == KafkaStreams.State.RUNNING || gateway.state() == KafkaStreams.State.REBALANCING);
    }

    public static void main(String[] args) {
        SpringApplication.run(ExecutionGatewayApplication.class, args);
    }
}
