package io.agenthub.processor.app;

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

    public static void main(String[] args) {
        SpringApplication.run(AgentProcessorApplication.class, args);
    }
}
