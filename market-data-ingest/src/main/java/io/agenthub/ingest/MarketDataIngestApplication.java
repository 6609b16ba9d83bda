package io.agenthub.ingest;

import io.agenthub.ingest.config.IngestProperties;
import io.agenthub.kafka.streams.HealthFile;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** The service as a process: {@code agenthub.ingest.*} configuration in, a running {@link MarketDataIngest} out. */
@SpringBootApplication
@EnableConfigurationProperties(IngestProperties.class)
public class MarketDataIngestApplication {

    @Bean(destroyMethod = "close")
    MarketDataIngest marketDataIngest(IngestProperties properties) {
        return MarketDataIngest.start(properties, Clock.systemUTC());
    }

    /** For a container's health check ({@code agenthub.health-file}): a heartbeat while it works. */
    @Bean(destroyMethod = "close")
    HealthFile healthFile(@Value("${agenthub.health-file:}") String file, MarketDataIngest ingest) {
        return HealthFile.start(file, () -> ingest.feedFailure() == null && (ingest.barsState() == KafkaStreams.State.RUNNING || ingest.barsState() == KafkaStreams.State.REBALANCING));
    }

    public static void main(String[] args) {
        SpringApplication.run(MarketDataIngestApplication.class, args);
    }
}
