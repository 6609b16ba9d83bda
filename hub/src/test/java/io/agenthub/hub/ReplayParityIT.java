package io.agenthub.hub;

import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestResult;
import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.backtest.Trade;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.gateway.app.ExecutionGatewayApplication;
import io.agenthub.ingest.MarketDataIngestApplication;
import io.agenthub.processor.app.AgentProcessorApplication;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.PositionEventKind;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import io.agenthub.testkit.events.AgentConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 4 end to end: the bundled real candles replayed by market-data-ingest as fast as it can, through the agent
 * processor and the paper venue on the broker, give the very trades (entry and exit times, prices, sizes, net P&L,
 * reasons) the backtest engine computes for the same agent over the same candles, however the three services were
 * scheduled.
 */
@EmbeddedClusterTest
class ReplayParityIT {

    private static final int CANDLES = 3_000;

    @Test
    void shouldTradeExactlyAsTheBacktestWhenTheBundledDatasetIsReplayedThroughIngestProcessorAndPaperVenue(TestCluster cluster) throws Exception {
        List<String> lines = Files.readAllLines(BundledDataset.require());
        Path file = Files.createTempFile("replay-parity", ".csv");
        Files.write(file, lines.subList(0, CANDLES + 1));
        List<Bar> candles = CandleCsvReader.readAll(file, BundledDataset.SYMBOL, Timeframe.ONE_MINUTE);
        List<String> strategies = List.of("ema_crossover", "rsi_signal", "supertrend");
        List<String> expected = new ArrayList<>();
        for (String strategy : strategies) {
            BacktestResult backtest = Backtest.run(BacktestSpec.defaults(Instruments.defaults().resolve("BTC/USDT"),
                    StrategyCatalog.builtIn().require(strategy)), BarSeries.of(candles));
            backtest.trades().stream().filter(t -> t.exitTime() > 0).map(t -> row("parity-" + strategy, t)).forEach(expected::add);
        }
        assertThat(expected).as("the candles must exercise the strategies").hasSizeGreaterThan(20);

        Topics topics = cluster.topics();
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        try {
            services.add(start(AgentProcessorApplication.class, cluster, "agenthub.processor.", "processor",
                    "--agenthub.processor.tick-lines=false"));
            services.add(start(ExecutionGatewayApplication.class, cluster, "agenthub.gateway.", "gateway",
                    "--agenthub.gateway.live.enabled=false"));
            try (KafkaProducer<String, AgentConfig> producer = cluster.producer(topics.agentsConfig())) {
                for (String strategy : strategies) {
                    AgentConfig config = AgentConfigs.paper("parity-" + strategy, strategy).build();
                    producer.send(new ProducerRecord<>(topics.agentsConfig().name(), config.getAgentId(), config)).get();
                }
            }
            cluster.readUntil(topics.agentsStatus(), records -> records.stream().filter(r -> r.value().getStatus() == AgentState.RUNNING)
                    .count() >= strategies.size(), Duration.ofSeconds(60));
            services.add(start(MarketDataIngestApplication.class, cluster, "agenthub.ingest.", "ingest",
                    "--agenthub.ingest.feed=replay", "--agenthub.ingest.replay.file=" + file, "--agenthub.ingest.replay.speed=0",
                    "--agenthub.ingest.replay.loop=false", "--agenthub.ingest.replay.anchor-to-now=false"));

            List<String> actual = new ArrayList<>();
            cluster.readUntil(topics.positionsEvents(), records -> {
                actual.clear();
                actual.addAll(closedTrades(records.stream().map(ConsumerRecord::value).toList()));
                return actual.size() >= expected.size();
            }, Duration.ofSeconds(180));
            Thread.sleep(2_000);
            actual.clear();
            actual.addAll(closedTrades(cluster.readUntil(topics.positionsEvents(), r -> false, Duration.ofSeconds(3)).stream()
                    .map(ConsumerRecord::value).toList()));

            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
        }
    }

    private static ConfigurableApplicationContext start(Class<?> application, TestCluster cluster, String prefix, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--" + prefix + "kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--" + prefix + "kafka.topic-prefix=" + cluster.topics().prefix(),
                "--" + prefix + "kafka.application-id=" + cluster.applicationId(name),
                "--" + prefix + "kafka.state-dir=" + cluster.stateDir(name),
                "--spring.autoconfigure.exclude=" + LocalServices.API_ONLY));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(application).bannerMode(Banner.Mode.OFF).logStartupInfo(false).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    /** Each agent's closed trades in the backtest's terms, one line each. */
    private static List<String> closedTrades(List<PositionEvent> events) {
        List<String> rows = new ArrayList<>();
        java.util.Map<String, PositionEvent> open = new java.util.HashMap<>();
        for (PositionEvent e : events) {
            if (e.getKind() == PositionEventKind.OPENED) {
                open.put(e.getAgentId(), e);
            } else if (e.getKind() == PositionEventKind.CLOSED && open.containsKey(e.getAgentId())) {
                PositionEvent opened = open.remove(e.getAgentId());
                BigDecimal net = e.getRealizedPnl().subtract(e.getFees());
                rows.add(String.join(" ", e.getAgentId(), opened.getSide().name(), Long.toString(opened.getEventTime().toEpochMilli()),
                        plain(opened.getAverageEntryPrice()), Long.toString(e.getEventTime().toEpochMilli()), plain(e.getExitPrice()),
                        plain(opened.getQuantity()), plain(net), e.getCloseReason()));
            }
        }
        return rows;
    }

    private static String row(String agent, Trade t) {
        return String.join(" ", Stream.of(agent, t.side().name(), Long.toString(t.entryTime()), plain(t.entryPrice()), Long.toString(t.exitTime()),
                plain(t.exitPrice()), plain(t.quantity()), plain(t.netPnl()), t.exitReason()).toList());
    }

    private static String plain(BigDecimal value) {
        return Decimals.fromWire(value).toPlainString();
    }
}
