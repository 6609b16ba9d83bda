package io.agenthub.benchmarks;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.embedded.LocalCluster;
import io.agenthub.kafka.KafkaSettings;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.ContextBar;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.PositionEventKind;
import io.agenthub.schemas.events.PositionSide;
import io.agenthub.schemas.events.PositionSnapshot;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.RiskBounds;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.supervisor.AdviceHandler;
import io.agenthub.supervisor.advice.AdviceValidator;
import io.agenthub.supervisor.advice.FallbackAdvisor;
import io.agenthub.supervisor.advice.RuleBasedAdvisor;
import io.agenthub.supervisor.app.LlmSupervisor;
import io.agenthub.supervisor.app.SupervisorProperties;
import io.agenthub.supervisor.llm.ChatModelAdvisor;
import io.agenthub.supervisor.llm.LlmProvider;
import io.agenthub.testkit.llm.LlmPeer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The planner and supervisor under load, in this one JVM on this machine:
 * <ul>
 *   <li>decisions per second of the rule-based advisor (plans: backtests of the catalogue over 120 bars; reviews: ATR
 *   trail over 60 bars), one thread, against the same decisions through a model that answers at once over HTTP (a
 *   local OpenAI-speaking peer), the baseline being the rules;</li>
 *   <li>1,000 agents due for supervision at the same instant, through the supervisor on the embedded broker: the
 *   rules alone (the baseline), a model answering in 500 ms with 100 owners, and the same model with one owner whose
 *   hourly budget runs out. Time to answer them all, request-to-answer latency, and who answered and why.</li>
 * </ul>
 * Run: {@code bin/bench supervisor [agents] [seconds-per-rate]}.
 */
public final class SupervisorBenchmark {

    private static final StrategyCatalog CATALOG = StrategyCatalog.builtIn();

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE);
        System.out.printf("Agent Hub supervisor benchmark: %d agents in the burst, %d s per rate, JDK %s, %d cores%n",
                agents, seconds, Runtime.version(), Runtime.getRuntime().availableProcessors());

        Table rates = new Table("decision", "advisor", "decisions/s", "vs rules");
        try (LlmPeer peer = new LlmPeer()) {
            RuleBasedAdvisor rules = new RuleBasedAdvisor(CATALOG, Instruments.defaults());
            AdviceHandler byRules = new AdviceHandler(new FallbackAdvisor(Optional.empty(), rules, new AdviceValidator(CATALOG),
                    Clock.systemUTC()), Clock.systemUTC());
            ChatModelAdvisor model = new ChatModelAdvisor(LlmProvider.OPENAI, peer.baseUrl(LlmPeer.Wire.OPENAI), LlmPeer.KEY, "peer",
                    Duration.ofSeconds(10), rules, CATALOG);
            AdviceHandler byModel = new AdviceHandler(new FallbackAdvisor(Optional.of(model), rules, new AdviceValidator(CATALOG),
                    Clock.systemUTC()), Clock.systemUTC());
            peer.answer = prompt -> prompt.contains("You supervise")
                    ? "{\"action\":\"KEEP\",\"stop_loss\":0,\"take_profit\":0,\"reasoning\":\"fine\"}"
                    : "{\"strategy_name\":\"z_score\",\"lookback\":20,\"threshold\":0.5,\"max_loss_pct\":1,\"reasoning\":\"ranging\"}";
            for (AdvisorKind kind : List.of(AdvisorKind.PLANNING, AdvisorKind.SUPERVISION)) {
                rate(byRules, candles, kind, 2); // both paths warmed up before either is measured
                rate(byModel, candles, kind, 2);
                double ruled = 0;
                double modelled = 0;
                for (int round = 0; round < 3; round++) { // alternated, the best of three each: no order bias
                    ruled = Math.max(ruled, rate(byRules, candles, kind, seconds));
                    modelled = Math.max(modelled, rate(byModel, candles, kind, seconds));
                }
                rates.row(kind.name().toLowerCase(Locale.ROOT), "rules", String.format(Locale.ROOT, "%,.0f", ruled), "1.00");
                rates.row(kind.name().toLowerCase(Locale.ROOT), "model over HTTP, answering at once",
                        String.format(Locale.ROOT, "%,.0f", modelled), String.format(Locale.ROOT, "%.2f", modelled / ruled));
            }
            rates.print("Decisions per second, one thread, best of three alternated runs (each a fresh context: no answer reused)");

            Table burst = new Table("scenario", "all answered (s)", "p50 ms", "p99 ms", "max ms", "model calls", "answered by", "most in flight");
            try (LocalCluster cluster = LocalCluster.builder().withPostgres(false).start()) {
                burst(cluster, "rules", "rules only (baseline)", agents, agents, candles, peer, burst);
                peer.delayMillis = 500;
                burst(cluster, "model", "model 500 ms, pool 8, 100 owners", agents, 100, candles, peer, burst);
                burst(cluster, "budget", "model 500 ms, pool 8, 1 owner (120 calls/h)", agents, 1, candles, peer, burst);
            }
            burst.print(agents + " agents due for supervision at once, through the supervisor on the embedded broker "
                    + "(stale-after 60 s, timeout 20 s)");
        }
    }

    private static double rate(AdviceHandler handler, List<Bar> candles, AdvisorKind kind, int seconds) {
        long started = System.nanoTime();
        long end = started + seconds * 1_000_000_000L;
        for (int i = 0; ; i++) {
            handler.handle(request(candles, kind, "rate-" + kind + "-" + i + "-" + started, "owner", i, Instant.now()));
            long now = System.nanoTime();
            if (now >= end) {
                return (i + 1) / ((now - started) / 1e9);
            }
        }
    }

    private static void burst(LocalCluster cluster, String name, String scenario, int agents, int owners, List<Bar> candles, LlmPeer peer,
                              Table table) throws Exception {
        Topics topics = Topics.withPrefix("sup-" + name + ".");
        cluster.provisionTopics(topics, List.of());
        Thread.sleep(1_000);
        boolean withModel = !name.equals("rules");
        Function<String, String> environment = key -> key.equals("OPENAI_API_KEY") && withModel ? LlmPeer.KEY : null;
        SupervisorProperties properties = new SupervisorProperties(KafkaSettings.of(cluster.bootstrapServers(), topics.prefix(),
                "bench-" + name),
                new SupervisorProperties.Llm(withModel ? "openai" : "none", "", Map.of("openai", peer.baseUrl(LlmPeer.Wire.OPENAI)),
                        Duration.ofSeconds(20), 8, Duration.ofSeconds(60), 120, 500_000, 5, Duration.ofMinutes(1)),
                new SupervisorProperties.Secrets("", "", "", ""));
        int callsBefore = peer.requests.size();
        LlmSupervisor supervisor = new LlmSupervisor(properties, environment);
        supervisor.start();
        Topic<String, RiskAdjustment> answers = topics.riskAdjustments();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-read-" + name,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     cluster.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                     new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            consumer.subscribe(List.of(answers.name()));
            consumer.poll(Duration.ofMillis(500));
            Instant due = Instant.now();
            long sent = System.nanoTime();
            // each agent's review as its processor asks for it: a mark of its position on positions.events
            Topic<String, PositionEvent> positions = topics.positionsEvents();
            for (int i = 0; i < agents; i++) {
                AdvisorRequest request = request(candles, AdvisorKind.SUPERVISION, name + "-" + i, "owner-" + (i % owners), i * 7, due);
                producer.send(new ProducerRecord<>(positions.name(), request.getAgentId(),
                        positions.valueSerde().serializer().serialize(positions.name(), review(request))));
            }
            producer.flush();
            List<Long> latencies = new ArrayList<>();
            Map<String, Integer> by = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (latencies.size() < agents && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    RiskAdjustment answer = answers.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    latencies.add((now - sent) / 1_000_000);
                    by.merge(who(answer), 1, Integer::sum);
                }
            }
            double all = (System.nanoTime() - sent) / 1e9;
            List<Long> sorted = latencies.stream().sorted().toList();
            table.row(scenario, String.format(Locale.ROOT, "%.1f", all), percentile(sorted, 0.50), percentile(sorted, 0.99),
                    sorted.isEmpty() ? "-" : sorted.getLast(), peer.requests.size() - callsBefore,
                    by.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("none"),
                    withModel ? peer.mostInFlight() : "-");
        } finally {
            supervisor.stop();
        }
    }

    /** The mark of the agent's position that carries its review. */
    private static PositionEvent review(AdvisorRequest request) {
        PositionSnapshot position = request.getPosition();
        return PositionEvent.newBuilder().setEventId(java.util.UUID.randomUUID().toString()).setEventTime(request.getEventTime())
                .setCausationId(null).setAgentId(request.getAgentId()).setPositionId(request.getAgentId() + "-p1")
                .setSymbol(request.getSymbol()).setKind(PositionEventKind.MARKED).setSide(position.getSide())
                .setQuantity(position.getQuantity()).setAverageEntryPrice(position.getEntryPrice()).setMarkPrice(request.getLastPrice())
                .setRealizedPnl(Decimals.toWire(java.math.BigDecimal.ZERO)).setUnrealizedPnl(position.getUnrealizedPnl())
                .setFees(Decimals.toWire(java.math.BigDecimal.ZERO)).setLeverage(request.getBounds().getLeverage()).setLiquidationPrice(null)
                .setStopLoss(position.getStopLoss()).setTakeProfit(position.getTakeProfit()).setExitPrice(null).setCloseReason(null)
                .setReview(request).build();
    }

    private static String who(RiskAdjustment answer) {
        if (!answer.getFallback()) {
            return answer.getProvider();
        }
        String reason = answer.getFallbackReason();
        return "rules (" + (reason.contains("waited") ? "stale in queue" : reason.contains("budget") ? "budget spent"
                : reason.contains("circuit") ? "circuit open" : "failed") + ")";
    }

    private static Object percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? "-" : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** A request as a processor sends it, on real candles: the agent's window ends at bar {@code offset}. */
    private static AdvisorRequest request(List<Bar> candles, AdvisorKind kind, String id, String owner, int offset, Instant at) {
        int window = kind == AdvisorKind.PLANNING ? 120 : 60;
        int end = window + Math.floorMod(offset * 37, candles.size() - window);
        List<ContextBar> bars = new ArrayList<>(window);
        for (Bar bar : candles.subList(end - window, end)) {
            bars.add(ContextBar.newBuilder().setOpenTime(bar.openTime()).setOpen(Decimals.toWire(bar.open()))
                    .setHigh(Decimals.toWire(bar.high())).setLow(Decimals.toWire(bar.low())).setClose(Decimals.toWire(bar.close()))
                    .setVolume(Decimals.toWire(bar.volume())).build());
        }
        BigDecimal last = candles.get(end - 1).close();
        PositionSnapshot position = kind == AdvisorKind.PLANNING ? null : PositionSnapshot.newBuilder().setSide(PositionSide.LONG)
                .setQuantity(Decimals.toWire(new BigDecimal("0.01"))).setEntryPrice(Decimals.toWire(candles.get(end - 10).close()))
                .setStopLoss(null).setTakeProfit(null).setUnrealizedPnl(Decimals.toWire(BigDecimal.ZERO)).setOpenedAt(at).build();
        return AdvisorRequest.newBuilder()
                .setEventId(id).setEventTime(at).setCausationId(null).setAgentId(id).setOwnerId(owner).setKind(kind)
                .setSequence(1).setSymbol("BTC/USDT").setIntervalSeconds(60).setRecentBars(bars)
                .setLastPrice(Decimals.toWire(last)).setIndicators(Map.of()).setCurrentPlan(null).setPosition(position)
                .setBounds(RiskBounds.newBuilder().setStopLossPct(Decimals.toWire(new BigDecimal("2")))
                        .setTakeProfitPct(Decimals.toWire(new BigDecimal("4"))).setMaxLossPct(null).setLeverage(1).setAllowShort(false).build())
                .build();
    }
}
