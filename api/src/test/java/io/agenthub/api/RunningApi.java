package io.agenthub.api;

import io.agenthub.api.app.ApiApplication;
import io.agenthub.api.market.Candles;
import io.agenthub.core.market.Timeframe;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.Bar;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.api.HubApiClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** The API started on a test's namespace of the shared cluster: its own database, topics, slot and a free port. */
final class RunningApi implements AutoCloseable {

    final TestCluster cluster;
    final ConfigurableApplicationContext context;
    final String baseUrl;

    RunningApi(TestCluster cluster, Map<String, Object> overrides) {
        this.cluster = cluster;
        cluster.topics();
        String slot = (cluster.namespace() + "_outbox").toLowerCase().replaceAll("[^a-z0-9_]", "_");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server.port", 0);
        settings.put("management.server.port", 0);
        settings.put("spring.datasource.url", cluster.newDatabase("api"));
        settings.put("agenthub.api.kafka.bootstrap-servers", cluster.bootstrapServers());
        settings.put("agenthub.api.kafka.topic-prefix", cluster.topics().prefix());
        settings.put("agenthub.api.kafka.application-id", cluster.applicationId("api"));
        settings.put("agenthub.api.outbox.slot", slot);
        settings.put("agenthub.api.outbox.publication", slot);
        settings.put("agenthub.api.outbox.drop-slot-on-stop", true);
        settings.putAll(overrides);
        // as arguments: they must win over the application's own defaults file
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        this.context = new SpringApplicationBuilder(ApiApplication.class).run(args);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.baseUrl = "http://127.0.0.1:" + port;
        carry();
    }

    /**
     * The symbols the tests' agents trade, carried as a running feed would carry them: a fresh one-minute bar of each on
     * {@code market.bars.1m}, through the API's own projection (an agent on another symbol is refused).
     */
    static final List<String> CARRIED = List.of("BTC/USDT", "ETH/USDT", "SOL/USDT");

    private void carry() {
        Topic<String, Bar> bars = cluster.topics().marketBars(Timeframe.ONE_MINUTE);
        Instant open = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        try (KafkaProducer<String, Bar> producer = cluster.producer(bars)) {
            for (String symbol : CARRIED) {
                producer.send(new ProducerRecord<>(bars.name(), symbol, Bar.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setEventTime(open.plusSeconds(60)).setCausationId(null)
                        .setSymbol(symbol).setTimeframe("1m").setOpenTime(open).setCloseTime(open.plusSeconds(60))
                        .setOpen(Decimals.toWire(BigDecimal.TEN)).setHigh(Decimals.toWire(BigDecimal.TEN)).setLow(Decimals.toWire(BigDecimal.TEN))
                        .setClose(Decimals.toWire(BigDecimal.TEN)).setVolume(Decimals.toWire(BigDecimal.ONE)).setTickCount(1).build()));
            }
        }
        Candles candles = bean(Candles.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> candles.carried(Duration.ofMinutes(10)).containsAll(CARRIED));
    }

    RunningApi(TestCluster cluster) {
        this(cluster, Map.of());
    }

    HubApiClient client() {
        return new HubApiClient(baseUrl);
    }

    /** The management port (metrics, actuator), which listens on 127.0.0.1 only. */
    String managementUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port");
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
