package io.agenthub.api.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Hub API on its own: REST on port 9000, PostgreSQL ({@code spring.datasource.*}), Kafka
 * ({@code agenthub.api.kafka.*}). Its defaults are in {@code agenthub-api.properties}, which anything given on the
 * command line or in the environment overrides.
 */
@SpringBootApplication(scanBasePackages = "io.agenthub.api")
@EnableConfigurationProperties(ApiProperties.class)
@PropertySource("classpath:agenthub-api.properties")
@EnableScheduling
public class ApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApiApplication.class, args);
    }
}
