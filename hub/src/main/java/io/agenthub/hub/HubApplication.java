package io.agenthub.hub;

import io.agenthub.core.market.Timeframe;
import io.agenthub.embedded.LocalCluster;
import io.agenthub.schemas.topics.TopicLayout;
import io.agenthub.schemas.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The local system in one process: a real Kafka broker and PostgreSQL from {@link LocalCluster}, the topic catalogue,
 * and every service. State lives in {@code agenthub.hub.data-dir}, so stopping (Ctrl-C) and starting again resumes.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
@EnableConfigurationProperties(HubProperties.class)
public class HubApplication {

    private static final Logger log = LoggerFactory.getLogger(HubApplication.class);

    @Bean(destroyMethod = "close")
    LocalCluster localCluster(HubProperties hub) {
        LocalCluster cluster = LocalCluster.builder()
                .dataDir(hub.dataDir().toAbsolutePath())
                .kafkaPort(hub.kafkaPort())
                .postgresPort(hub.postgresPort())
                .layout(new TopicLayout(hub.symbolPartitions(), hub.agentPartitions(), (short) 1))
                .provision(Topics.standard(), hub.barTimeframes().stream().map(Timeframe::parse).toList())
                .start();
        cluster.postgres().ensureDatabase(hub.database());
        return cluster;
    }

    @Bean(destroyMethod = "close")
    LocalServices localServices(LocalCluster cluster, HubProperties hub, ConfigurableEnvironment environment) {
        return new LocalServices(cluster, hub, environment);
    }

    @Bean
    ApplicationRunner announce(LocalCluster cluster, LocalServices services, HubProperties hub) {
        return args -> {
            Duration sinceLaunch = Duration.ofMillis(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
            log.info("""

                    ================================================================
                     Agent Hub is running (ready {} ms after launch; cluster {} ms)
                       Kafka bootstrap : {}
                       PostgreSQL      : {}
                       API             : {}/api (OpenAPI: {}/swagger-ui.html)
                       Market feed     : {}
                       Data directory  : {}
                     Stop with Ctrl-C; the next start resumes from the data directory.
                    ================================================================""",
                    sinceLaunch.toMillis(), cluster.startupTime().toMillis(), cluster.bootstrapServers(),
                    cluster.postgres().jdbcUrl(hub.database()), services.apiUrl(), services.apiUrl(),
                    services.marketDataIngest().feedDescription(), cluster.dataDir());
        };
    }

    public static void main(String[] args) {
        // the launcher itself serves nothing: the API it starts is the web application
        new SpringApplicationBuilder(HubApplication.class).web(WebApplicationType.NONE).run(args);
    }
}
