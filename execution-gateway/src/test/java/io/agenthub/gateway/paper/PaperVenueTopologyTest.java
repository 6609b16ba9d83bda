package io.agenthub.gateway.paper;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.venue.PaperVenue;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.TickKind;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.OrderPurpose;
import io.agenthub.schemas.events.OrderSide;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.testkit.events.OrderIntents;
import io.agenthub.testkit.events.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The paper venue in a test driver: when and at what it fills, and what it refuses. */
class PaperVenueTopologyTest {

    private static final Symbol BTC = new Symbol("BTC", "USDT");
    private static final Instant T = Instant.parse("2023-03-01T00:01:00Z");
    private final Topics topics = Topics.standard();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SpecificRecord> ticks;
    private final TestInputTopic<String, OrderIntent> intents;
    private final TestInputTopic<String, AgentConfig> configs;
    private final TestOutputTopic<String, ExecutionReport> executions;
    private long ingest = 1_000;

    PaperVenueTopologyTest() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "venue-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("venue").toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(PaperVenueTopology.build(topics, Instruments.defaults(), PaperVenue.Settings.defaults(),
                100_000, new BigDecimal("10000"), 1), props);
        ticks = input(topics.marketTicks());
        intents = input(topics.ordersIntents());
        configs = input(topics.agentsConfig());
        executions = driver.createOutputTopic(topics.ordersExecutions().name(), topics.ordersExecutions().keySerde().deserializer(),
                topics.ordersExecutions().valueSerde().deserializer());
        configs.pipeInput("a1", AgentConfigs.paper("a1", "rsi_signal").build(), ingest++);
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void tick(Instant time, String price) {
        ticks.pipeInput(BTC.toString(), TestEvents.tick(MarketTick.trade(BTC, time, new BigDecimal(price), BigDecimal.ONE, "t" + time)), ingest++);
    }

    private void send(OrderIntent intent) {
        intents.pipeInput(intent.getAgentId(), intent, ingest++);
    }

    private static OrderIntent.Builder intent(long sequence, OrderSide side, OrderPurpose purpose, Instant decided, String quantity) {
        return OrderIntents.market("a1", sequence, side, purpose, decided, quantity).setEventId("intent-" + sequence);
    }

    @Test
    void shouldFillAtTheFirstPriceAtOrAfterTheDecisionWithSlippageAndFee() {
        tick(T.minusSeconds(15), "100.00");
        send(intent(1, OrderSide.BUY, OrderPurpose.ENTRY, T, "1").build());
        assertThat(executions.readValuesToList()).as("no price after the decision yet: taken, not filled")
                .extracting(ExecutionReport::getStatus).containsExactly(ExecutionStatus.ACKNOWLEDGED);

        tick(T, "101.00");

        ExecutionReport fill = executions.readValue();
        assertThat(fill.getStatus()).isEqualTo(ExecutionStatus.FILLED);
        assertThat(fill.getClientOrderId()).isEqualTo("a1-1-0");
        assertThat(fill.getLastPrice()).as("101 plus 2 bps, rounded against the buyer").isEqualByComparingTo("101.03");
        assertThat(fill.getFee()).as("0.1 % taker").isEqualByComparingTo("0.10103");
        assertThat(fill.getEventTime()).isEqualTo(T);
        assertThat(fill.getVenue()).isEqualTo("paper");
        assertThat(fill.getCausationId()).isEqualTo("intent-1");
    }

    @Test
    void shouldFillAtTheDecisionsPriceEvenWhenTheOrderArrivesLate() {
        tick(T, "101.00");
        tick(T.plusSeconds(15), "105.00");
        tick(T.plusSeconds(30), "99.00");

        send(intent(1, OrderSide.BUY, OrderPurpose.ENTRY, T, "1").build());

        assertThat(executions.readValue().getLastPrice()).as("the first price after the decision, not the latest")
                .isEqualByComparingTo("101.03");
    }

    @Test
    void shouldRefuseWhatAnExchangeWouldRefuse() {
        tick(T, "100.00");
        send(intent(1, OrderSide.SELL, OrderPurpose.STOP_LOSS, T, "1").build());
        send(intent(2, OrderSide.BUY, OrderPurpose.ENTRY, T, "200").build());
        send(intent(3, OrderSide.BUY, OrderPurpose.ENTRY, T, "1").build());
        send(intent(3, OrderSide.BUY, OrderPurpose.ENTRY, T, "1").build());
        send(intent(4, OrderSide.BUY, OrderPurpose.ENTRY, T, "1").setLiveMode(true).build());

        List<ExecutionReport> reports = executions.readValuesToList();
        assertThat(reports).as("the live intent is the live executor's").extracting(r -> r.getStatus() == ExecutionStatus.FILLED ? "FILLED" : r.getRejectCode())
                .containsExactly("REDUCE_ONLY", "INSUFFICIENT_MARGIN", "FILLED", "DUPLICATE_CLIENT_ORDER_ID");
        assertThat(reports.get(1).getRejectReason()).contains("exceed the free balance 10000");
    }

    @Test
    void shouldCloseAtTheTriggeringTickWhenAStopArrivesAfterIt() {
        tick(T, "100.00");
        send(intent(1, OrderSide.BUY, OrderPurpose.ENTRY, T, "2").build());
        tick(T.plusSeconds(15), "97.00");
        send(intent(2, OrderSide.SELL, OrderPurpose.STOP_LOSS, T.plusSeconds(15), "2").build());

        List<ExecutionReport> reports = executions.readValuesToList();
        assertThat(reports).hasSize(2).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ExecutionStatus.FILLED));
        assertThat(reports.get(1).getLastPrice()).as("97 less 2 bps, rounded against the seller").isEqualByComparingTo("96.98");
    }

    @Test
    void shouldFillAStopLossAndATakeProfitAtTheirLevelsWhenAReplayedCandlesPathGoesThroughThem() {
        candle(T, "100.00", TickKind.CANDLE_OPEN);
        send(intent(1, OrderSide.BUY, OrderPurpose.ENTRY, T, "2").build());
        candle(T.plusSeconds(15), "106.00", TickKind.CANDLE_PATH);
        candle(T.plusSeconds(30), "90.00", TickKind.CANDLE_PATH);
        candle(T.plusSeconds(45), "95.00", TickKind.CANDLE_PATH);

        // the agent saw its 104.00 target at the high and its 98.00 stop at the low; the venue hears of them after the candle
        send(intent(2, OrderSide.SELL, OrderPurpose.TAKE_PROFIT, T.plusSeconds(15), "1").setReduceOnly(true)
                .setTriggerPrice(Decimals.toWire(new BigDecimal("104.00"))).build());
        send(intent(3, OrderSide.SELL, OrderPurpose.STOP_LOSS, T.plusSeconds(30), "1").setReduceOnly(true)
                .setTriggerPrice(Decimals.toWire(new BigDecimal("98.00"))).build());

        List<ExecutionReport> reports = executions.readValuesToList();
        assertThat(reports).extracting(r -> r.getLastPrice().stripTrailingZeros().toPlainString() + " " + r.getLiquidity())
                .as("the take-profit at its limit, not the high; the stop at its price less 2 bps, not the low")
                .containsExactly("100.02 TAKER", "104 MAKER", "97.98 TAKER");
    }

    private void candle(Instant time, String price, TickKind kind) {
        ticks.pipeInput(BTC.toString(), TestEvents.tick(MarketTick.candlePoint(BTC, time, new BigDecimal(price), BigDecimal.ONE, "c" + time,
                kind)), ingest++);
    }

    @Test
    void shouldDeadLetterBrokenIntentsAndCarryOn() {
        var raw = driver.createInputTopic(topics.ordersIntents().name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        raw.pipeInput("a1".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8), ingest++);
        byte[] unknownSymbol = topics.ordersIntents().valueSerde().serializer().serialize("x",
                intent(9, OrderSide.BUY, OrderPurpose.ENTRY, T, "1").setSymbol("NOPE/USDT").build());
        raw.pipeInput("a1".getBytes(StandardCharsets.UTF_8), unknownSymbol, ingest++);

        var dlq = topics.deadLetters(topics.ordersIntents());
        assertThat(driver.createOutputTopic(dlq.name(), dlq.keySerde().deserializer(), dlq.valueSerde().deserializer()).readValuesToList())
                .hasSize(2);
        tick(T, "100.00");
        send(intent(1, OrderSide.BUY, OrderPurpose.ENTRY, T, "1").build());
        assertThat(executions.readValue().getStatus()).isEqualTo(ExecutionStatus.FILLED);
    }
}
