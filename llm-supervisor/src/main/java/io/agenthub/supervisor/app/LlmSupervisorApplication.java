package io.agenthub.supervisor.app;

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

    public static void main(String[] args) {
        SpringApplication.run(LlmSupervisorApplication.class, args);
    }
}
