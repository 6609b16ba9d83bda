package io.agenthub.api.projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets applied event ids after a week. A redelivery comes within minutes of the original (a consumer that crashed
 * before committing its offsets), so a week is far past the window in which a duplicate can arrive.
 */
@Component
public class ProcessedEventsRetention {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventsRetention.class);

    private final JdbcClient jdbc;

    public ProcessedEventsRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public int purge() {
        int purged = jdbc.sql("DELETE FROM processed_events WHERE processed_at < now() - interval '7 days'").update();
        if (purged > 0) {
            log.info("forgot {} applied event ids older than a week", purged);
        }
        return purged;
    }
}
