package io.agenthub.supervisor.app;

import io.agenthub.kafka.streams.HealthFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The LLM supervisor on its own: answers the processors' planning and supervision requests. */
@SpringBootApplication
@EnableConfigurationProperties(SupervisorProperties.class)
public class LlmSupervisorApplication {

    @Bean
    LlmSupervisor llmSupervisor(SupervisorProperties properties) {
        return new LlmSupervisor(properties);
    }

    /** For a container's health check ({@code agenthub.health-file}): a heartbeat while it works. */
    @Bean(destroyMethod = "close")
    HealthFile healthFile(@Value("${agenthub.health-file:}") String file, LlmSupervisor supervisor) {
        return HealthFile.start(file, () -> supervisor.isRunning());
    }

    public static void main(String[] args) {
        SpringApplication.run(LlmSupervisorApplication.class, args);
    }
}
