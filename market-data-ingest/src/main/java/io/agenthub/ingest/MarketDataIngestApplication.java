package io.agenthub.ingest;

import io.agenthub.ingest.config.IngestProperties;
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

    public static void main(String[] args) {
        SpringApplication.run(MarketDataIngestApplication.class, args);
    }
}
