package io.agenthub.api.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.agenthub.api.agents.Agents;
import io.agenthub.api.app.ApiProperties;
import io.agenthub.schemas.topics.Topics;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.time.Clock;
import java.time.Duration;

/** The agent runtime the settings choose ({@code agenthub.api.runtime.kind}: {@code shared} or {@code docker}). */
@Configuration
public class RuntimeConfig {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RuntimeConfig.class);

    @Bean
    AgentRuntime agentRuntime(ApiProperties properties, Agents agents, Topics topics, Clock clock) {
        ApiProperties.Runtime runtime = properties.runtime();
        if (runtime.kind() == ApiProperties.Runtime.Kind.SHARED) {
            return new SharedPoolRuntime();
        }
        ApiProperties.Runtime.Docker settings = runtime.docker();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(settings.host()).build();
        DockerClient docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(60)).build());
        String bootstrap = settings.kafkaBootstrapServers().isBlank() ? properties.kafka().bootstrapServers() : settings.kafkaBootstrapServers();
        try {
            docker.pingCmd().exec();
            return new DockerAgentRuntime(docker, settings, bootstrap, properties.kafka().topicPrefix(), agents,
                    new StatusReports(properties.kafka().bootstrapServers(), topics, clock));
        } catch (RuntimeException e) {
            // the API still serves, and hosts agents in the pool; a dedicated agent is refused with the reason
            String why = "the API cannot use the Docker engine at " + settings.host() + " (" + e.getMessage()
                    + "): agents run in the shared processor pool (deployment shared) until it can and the API restarts";
            log.error(why);
            return new SharedPoolRuntime(why);
        }
    }

    /** Once the API serves: containers without an agent go, agents without their container get one. */
    @EventListener(ApplicationReadyEvent.class)
    void reconcile(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(AgentRuntime.class)
                .reconcile(ready.getApplicationContext().getBean(Agents.class).everyLive());
    }
}
