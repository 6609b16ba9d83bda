package io.agenthub.gateway.app;

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

    public static void main(String[] args) {
        SpringApplication.run(ExecutionGatewayApplication.class, args);
    }
}
