package io.agenthub.processor;

import io.agenthub.core.agent.AgentKernel;
import io.agenthub.core.agent.Lifecycle;
import io.agenthub.core.agent.VenueReport;
import io.agenthub.core.broker.Venues;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.Deployment;
import io.agenthub.schemas.events.DesiredState;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.LogLevel;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.OrderPurpose;
import io.agenthub.schemas.events.OrderSide;
import io.agenthub.schemas.events.OrderType;
import io.agenthub.schemas.events.PlannerSettings;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.PositionEventKind;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.events.SupervisorAction;
import io.agenthub.schemas.events.SupervisorSettings;
import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.testkit.events.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.List;
import java.util.Map;

import static io.agenthub.testkit.events.AgentConfigs.wire;
import static io.agenthub.processor.AgentDriver.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The agent topology in a test driver: what each input does to the outputs and to the agent's stored state. */
class AgentTopologyTest {

    private final ProcessorSettings settings = TestStrategies.settings();
    private final AgentDriver driver = new AgentDriver(settings, null);
    private Instant time = Instant.parse("2023-03-01T00:00:00Z");

    @AfterEach
    void close() {
        driver.close();
    }

    /** A one-minute candle from {@code open} to {@code close}, as the replay feed sends it, closed by its watermark. */
    private void bar(String open, String close) {
        BigDecimal o = new BigDecimal(open);
        BigDecimal c = new BigDecimal(close);
        long minute = Duration.ofMinutes(1).toMillis();
        time = Instant.ofEpochMilli(Math.ceilDiv(time.toEpochMilli(), minute) * minute);
        driver.candle(new Bar(BTC, Timeframe.ONE_MINUTE, time, o, o.max(c), o.min(c), c, BigDecimal.TEN));
        time = time.plus(Duration.ofMinutes(1));
    }

    /** @return the event id of the tick */
    private String tick(String price) {
        time = time.plusSeconds(1);
        return driver.tick(time.toString(), price);
    }

    private static AgentConfig.Builder candle(String agentId) {
        return AgentConfigs.paper(agentId, "candle");
    }

    /** Runs a1 on the candle strategy, opens a long at 101 (stop 98.98, take-profit 105.04) and clears the outputs. */
    private OrderIntent openLong(AgentConfig.Builder config) {
        driver.config(config.build());
        bar("100", "101");
        OrderIntent entry = driver.intents().getFirst();
        tick("101");
        driver.fill(entry, new BigDecimal("101"), ExecutionCosts.NONE, time);
        drainAll();
        return entry;
    }

    private void drainAll() {
        driver.intents();
        driver.positions();
        driver.logs();
        driver.statuses();
        driver.requests();
        driver.reviews();
    }

    private static List<LogLevel> levels(List<AgentLogEntry> logs) {
        return logs.stream().map(AgentLogEntry::getLevel).toList();
    }

    @Test
    void shouldNameTheAgentsVenueOnEveryOrderWhenItDecides() {
        driver.config(candle("p1").build());
        driver.config(candle("l1").setLiveMode(true).setVenue(Venues.HASHKEY).build());
        driver.config(candle("old").setLiveMode(true).setVenue(null).build());
        bar("100", "101");

        Map<String, OrderIntent> intents = new java.util.HashMap<>();
        driver.intents().forEach(i -> intents.put(i.getAgentId(), i));
        assertThat(intents.get("p1").getVenue()).isEqualTo(Venues.PAPER);
        assertThat(intents.get("p1").getLiveMode()).isFalse();
        assertThat(intents.get("l1").getVenue()).isEqualTo(Venues.HASHKEY);
        assertThat(intents.get("l1").getLiveMode()).isTrue();
        assertThat(intents.get("old").getVenue()).as("a configuration of the release before venues were named: its live flag's")
                .isEqualTo(Venues.HASHKEY);
    }

    // ---------------------------------------------------------------- warm-up from the stored history

    private static AgentConfig.Builder momentum(String agentId, int lookback) {
        return AgentConfigs.paper(agentId, "momentum").setStrategyParams(Map.of("lookback", wire(Integer.toString(lookback))));
    }

    /** {@code count} one-minute candles, each {@code stepPct} % above the one before, from {@code from}. */
    private BigDecimal climb(BigDecimal from, int count, String stepPct) {
        BigDecimal factor = BigDecimal.ONE.add(new BigDecimal(stepPct).movePointLeft(2));
        BigDecimal price = from;
        for (int i = 0; i < count; i++) {
            BigDecimal next = price.multiply(factor).setScale(2, java.math.RoundingMode.HALF_UP);
            bar(price.toPlainString(), next.toPlainString());
            price = next;
        }
        return price;
    }

    @Test
    void shouldWarmUpOnStoredBarsAndDecideAtTheFirstTickWhenStartedAfterTheMarketRan() {
        BigDecimal last = climb(new BigDecimal("100"), 10, "0.5");
        drainAll();

        driver.config(momentum("m1", 5).build());
        tick(last.toPlainString());

        assertThat(driver.logs()).extracting(AgentLogEntry::getMessage)
                .anySatisfy(m -> assertThat(m).startsWith("warmed up on 10 stored 1m bars: signal +1.00").endsWith("deciding on the bar that just closed"));
        assertThat(driver.intents()).as("the climb's momentum says buy, at once").singleElement()
                .satisfies(i -> assertThat(i.getSide()).isEqualTo(OrderSide.BUY));
        assertThat(driver.statuses()).extracting(AgentStatus::getReason).containsOnlyNulls();
    }

    @Test
    void shouldSayHowFarItIsWarmedUpWhenTheStoredHistoryIsShort() {
        climb(new BigDecimal("100"), 3, "0");
        drainAll();

        driver.config(momentum("m1", 5).build());
        tick("100");

        assertThat(driver.statuses()).extracting(AgentStatus::getReason).containsExactly(null, "warming up, 3 of 6 bars");
        assertThat(driver.logs()).extracting(AgentLogEntry::getMessage)
                .contains("warming up, 3 of 6 bars (3 stored 1m bars); it decides once warm");

        climb(new BigDecimal("100"), 3, "0");
        assertThat(driver.statuses()).extracting(AgentStatus::getReason)
                .as("the bar of the first tick, then the next two").containsExactly("warming up, 4 of 6 bars", "warming up, 5 of 6 bars", null);
        assertThat(driver.logs()).extracting(AgentLogEntry::getMessage).anySatisfy(m -> assertThat(m).startsWith("warmed up: signal"));
    }

    @Test
    void shouldKeepWhatItKnewAndNotDecideAtOnceWhenRestartedWithoutEnoughStoredBars() {
        try (AgentDriver bare = new AgentDriver(settings.withHistory(Duration.ZERO), null)) {
            AgentConfig config = candle("a1").build();
            bare.config(config);
            bare.candle(new Bar(BTC, Timeframe.ONE_MINUTE, time, d("100"), d("100"), d("100"), d("100"), BigDecimal.TEN));
            bare.candle(new Bar(BTC, Timeframe.ONE_MINUTE, time.plusSeconds(60), d("100"), d("101"), d("100"), d("101"), BigDecimal.TEN));
            OrderIntent entry = bare.intents().getFirst();
            bare.fill(entry, d("101"), ExecutionCosts.NONE, time.plusSeconds(120));
            AgentConfig stopped = AgentConfigs.next(config).setDesiredState(DesiredState.STOPPED).build();
            bare.config(stopped);
            bare.config(AgentConfigs.next(stopped).setDesiredState(DesiredState.RUNNING).build());
            bare.logs();

            bare.tick(time.plusSeconds(200).toString(), "101");

            assertThat(bare.logs()).extracting(AgentLogEntry::getMessage)
                    .anySatisfy(m -> assertThat(m).startsWith("resumed with what the strategy knew before it stopped (0 stored 1m bars"))
                    .anySatisfy(m -> assertThat(m).startsWith("warm: signal").doesNotContain("deciding"));
            assertThat(bare.intents()).as("its last signal is from before the pause: nothing decided on it").isEmpty();
        }
    }

    /**
     * A five-minute agent that starts in the third minute of its bar decides on that whole bar: the bar is completed from
     * the stored minutes. It opens at 100 and closes 0.7 % up, a buy for the candle strategy; its last three minutes
     * alone rise only 0.35 %, no signal. Without a history the agent waits for the next whole bar.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldDecideOnTheWholeBarItStartedInWhenItsMinutesAreStored(boolean stored) {
        try (AgentDriver five = new AgentDriver(stored ? settings : settings.withHistory(Duration.ZERO), null)) {
            Instant start = time;
            for (int i = 0; i < 5; i++) {
                five.candle(new Bar(BTC, Timeframe.ONE_MINUTE, start.plus(Duration.ofMinutes(i)), d("100"), d("100"), d("100"), d("100"), BigDecimal.TEN));
            }
            String[][] minutes = {{"100", "100.15"}, {"100.15", "100.35"}, {"100.35", "100.45"}, {"100.45", "100.6"}, {"100.6", "100.7"}};
            for (int i = 0; i < minutes.length; i++) {
                if (i == 2) {
                    five.config(candle("f1").setIntervalSeconds(300).build());
                }
                BigDecimal o = d(minutes[i][0]);
                BigDecimal c = d(minutes[i][1]);
                five.candle(new Bar(BTC, Timeframe.ONE_MINUTE, start.plus(Duration.ofMinutes(5 + i)), o, c, o, c, BigDecimal.TEN));
            }

            assertThat(five.intents()).as(stored ? "a buy on the bar of minutes 5 to 10" : "nothing: the bar was not seen whole")
                    .hasSize(stored ? 1 : 0);
        }
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void shouldReportRunningAndLogCreationWhenAValidConfigArrives() {
        driver.config(candle("a1").build());

        AgentStatus status = driver.statuses().getLast();
        assertThat(status.getStatus()).isEqualTo(AgentState.RUNNING);
        assertThat(status.getConfigRevision()).isEqualTo(1);
        assertThat(status.getReporter()).isEqualTo("agent-processor");
        assertThat(levels(driver.logs())).containsExactly(LogLevel.INIT, LogLevel.START);
        assertThat(driver.stored("a1", settings).status()).isEqualTo(Lifecycle.RUNNING);
    }

    @Test
    void shouldGoToErrorNamingEveryProblemWhenTheConfigCannotRun() {
        driver.config(AgentConfigs.paper("a1", "no_such_strategy").setIntervalSeconds(0)
                .setRisk(AgentConfigs.risk("1000", "2", "4", 200).build()).build());

        AgentStatus status = driver.statuses().getLast();
        assertThat(status.getStatus()).isEqualTo(AgentState.ERROR);
        assertThat(status.getReason()).contains("'no_such_strategy' is not in the catalogue", "interval_seconds", "leverage");
        assertThat(driver.logs().getLast().getLevel()).isEqualTo(LogLevel.ERROR);

        bar("100", "101");
        assertThat(driver.intents()).isEmpty();

        driver.config(AgentConfigs.next(candle("a1").build()).build());
        assertThat(driver.statuses().getLast().getStatus()).isEqualTo(AgentState.RUNNING);
        bar("100", "101");
        assertThat(driver.intents()).hasSize(1);
    }

    @Test
    void shouldIgnoreAStaleRevisionWithAWarning() {
        AgentConfig first = candle("a1").setRevision(5).build();
        driver.config(first);
        drainAll();

        driver.config(AgentConfig.newBuilder(first).setEventId(Events.newEventId()).setRevision(4).setDesiredState(DesiredState.STOPPED).build());

        assertThat(driver.statuses()).isEmpty();
        assertThat(driver.logs().getLast().getMessage()).contains("revision 4 ignored");
        assertThat(driver.stored("a1", settings).status()).isEqualTo(Lifecycle.RUNNING);
    }

    @Test
    void shouldEmitNothingWhenStoppedAndTradeAgainWhenStarted() {
        AgentConfig running = candle("a1").build();
        driver.config(running);
        AgentConfig stopped = AgentConfigs.next(running).setDesiredState(DesiredState.STOPPED).build();
        driver.config(stopped);
        assertThat(driver.statuses().getLast().getStatus()).isEqualTo(AgentState.STOPPED);
        drainAll();

        bar("100", "101");
        bar("100", "101");
        assertThat(driver.intents()).isEmpty();
        assertThat(driver.logs()).isEmpty();
        assertThat(driver.statuses()).isEmpty();

        driver.config(AgentConfigs.next(stopped).setDesiredState(DesiredState.RUNNING).build());
        assertThat(driver.statuses().getLast().getStatus()).isEqualTo(AgentState.RUNNING);
        bar("100", "101");
        assertThat(driver.intents()).singleElement().satisfies(i -> assertThat(i.getClientOrderId()).isEqualTo("a1-1-0"));
    }

    @Test
    void shouldCloseThePositionAtMarketAndStopWhenOwnerPullsTheKillSwitch() {
        AgentConfig.Builder config = candle("a1");
        OrderIntent entry = openLong(config);

        driver.config(AgentConfigs.next(config.build()).setDesiredState(DesiredState.STOPPED).setFlattenOnStop(true).build());

        OrderIntent close = driver.intents().getFirst();
        assertThat(close.getPurpose()).isEqualTo(OrderPurpose.KILL_SWITCH);
        assertThat(close.getSide()).isEqualTo(OrderSide.SELL);
        assertThat(close.getReduceOnly()).isTrue();
        assertThat(close.getQuantity()).isEqualByComparingTo(entry.getQuantity());
        assertThat(driver.statuses()).as("not stopped while it still holds the position").isEmpty();
        driver.fill(close, new BigDecimal("100.5"), ExecutionCosts.NONE, time);
        PositionEvent closed = driver.positions().getLast();
        assertThat(closed.getKind()).isEqualTo(PositionEventKind.CLOSED);
        assertThat(closed.getCloseReason()).isEqualTo("kill_switch");
        assertThat(driver.statuses()).as("stopped once flat").extracting(AgentStatus::getStatus).containsExactly(AgentState.STOPPED);
        assertThat(driver.stored("a1", settings).status()).isEqualTo(Lifecycle.STOPPED);
        bar("101", "105");
        assertThat(driver.intents()).as("a stopped agent trades no more").isEmpty();
    }

    @Test
    void shouldCloseThePositionAtMarketAndThenDeleteWhenOwnerDeletesItAskingToClose() {
        AgentConfig.Builder config = candle("a1");
        OrderIntent entry = openLong(config);

        driver.config(AgentConfigs.next(config.build()).setDesiredState(DesiredState.DELETED).setFlattenOnStop(true).build());

        OrderIntent close = driver.intents().getFirst();
        assertThat(close.getPurpose()).isEqualTo(OrderPurpose.KILL_SWITCH);
        assertThat(close.getQuantity()).isEqualByComparingTo(entry.getQuantity());
        assertThat(driver.statuses()).as("not deleted while it still holds the position").isEmpty();
        assertThat(driver.stored("a1", settings)).as("still hosted").isNotNull();

        driver.fill(close, new BigDecimal("100.5"), ExecutionCosts.NONE, time);

        assertThat(driver.positions().getLast().getKind()).isEqualTo(PositionEventKind.CLOSED);
        assertThat(driver.statuses()).extracting(AgentStatus::getStatus).containsExactly(AgentState.DELETED);
        assertThat(driver.logs()).extracting(AgentLogEntry::getMessage).contains("deleted: flat").noneMatch(m -> m.contains("left to the venue"));
        assertThat(driver.stored("a1", settings)).as("its state is gone").isNull();
        bar("101", "105");
        assertThat(driver.intents()).isEmpty();
    }

    @Test
    void shouldCloseThePositionOnceTheEntryInFlightFillsWhenKillSwitchIsPulledMeanwhile() {
        AgentConfig.Builder config = candle("a1");
        driver.config(config.build());
        bar("100", "101");
        OrderIntent entry = driver.intents().getFirst();
        tick("101");

        driver.statuses();
        driver.config(AgentConfigs.next(config.build()).setDesiredState(DesiredState.STOPPED).setFlattenOnStop(true).build());
        assertThat(driver.intents()).as("nothing to close yet: the entry is in flight").isEmpty();
        assertThat(driver.statuses()).as("not stopped while its entry is in flight").isEmpty();

        driver.fill(entry, new BigDecimal("101"), ExecutionCosts.NONE, time);

        OrderIntent close = driver.intents().getFirst();
        assertThat(close.getPurpose()).isEqualTo(OrderPurpose.KILL_SWITCH);
        assertThat(close.getQuantity()).isEqualByComparingTo(entry.getQuantity());
        assertThat(driver.statuses()).isEmpty();
        driver.fill(close, new BigDecimal("101.5"), ExecutionCosts.NONE, time);
        assertThat(driver.statuses()).extracting(AgentStatus::getStatus).containsExactly(AgentState.STOPPED);
    }

    @Test
    void shouldLeaveThePositionOpenWhenStoppedWithoutTheKillSwitch() {
        AgentConfig.Builder config = candle("a1");
        openLong(config);

        driver.config(AgentConfigs.next(config.build()).setDesiredState(DesiredState.STOPPED).build());

        assertThat(driver.intents()).isEmpty();
        assertThat(driver.statuses().getLast().getStatus()).isEqualTo(AgentState.STOPPED);
    }

    @Test
    void shouldForgetTheAgentWhenDeleted() {
        AgentConfig running = candle("a1").build();
        driver.config(running);
        driver.config(AgentConfigs.next(running).setDesiredState(DesiredState.DELETED).build());

        assertThat(driver.statuses().getLast().getStatus()).isEqualTo(AgentState.DELETED);
        assertThat(driver.store().get("a1")).isNull();
        bar("100", "101");
        assertThat(driver.intents()).isEmpty();
    }

    // ---------------------------------------------------------------- trading

    @Test
    void shouldSendAnEntryIntentWhenTheStrategySignalsAtABarsClose() {
        driver.config(candle("a1").build());
        BigDecimal o = new BigDecimal("100");
        for (var tick : io.agenthub.core.market.CandleTickPath.of(new Bar(BTC, Timeframe.ONE_MINUTE, time, o, new BigDecimal("101"), o,
                new BigDecimal("101"), BigDecimal.TEN), 8)) {
            driver.tick(tick);
        }
        assertThat(driver.intents()).as("the bar is still open").isEmpty();

        driver.watermark(time.plus(Duration.ofMinutes(1)));

        OrderIntent entry = driver.intents().getFirst();
        assertThat(entry.getClientOrderId()).isEqualTo("a1-1-0");
        assertThat(entry.getSide()).isEqualTo(OrderSide.BUY);
        assertThat(entry.getPurpose()).isEqualTo(OrderPurpose.ENTRY);
        assertThat(entry.getQuantity()).isEqualByComparingTo("9.90099009");
        assertThat(entry.getReferencePrice()).isEqualByComparingTo("101");
        assertThat(entry.getSymbol()).isEqualTo("BTC/USDT");
        assertThat(entry.getOwnerId()).isEqualTo("owner-1");
        assertThat(entry.getLiveMode()).isFalse();
        assertThat(entry.getReduceOnly()).isFalse();
        assertThat(entry.getEventTime()).isEqualTo(time.plus(Duration.ofMinutes(1)));
        assertThat(entry.getReason()).startsWith("signal +1.00: ").doesNotContain("signal +1.00: signal");
        assertThat(driver.logs()).filteredOn(l -> l.getLevel() == LogLevel.ACTION).extracting(AgentLogEntry::getMessage)
                .anySatisfy(m -> assertThat(m).contains("(entry): signal +1.00: ").doesNotContain("signal +1.00: signal"));
    }

    @Test
    void shouldStopOutAtTheTickThatTouchesTheStopAndReportTheClose() {
        OrderIntent entry = openLong(candle("a1"));
        assertThat(entry.getSide()).isEqualTo(OrderSide.BUY);

        tick("99.00");
        assertThat(driver.intents()).isEmpty();
        tick("98.98");
        OrderIntent stop = driver.intents().getFirst();
        assertThat(stop.getPurpose()).isEqualTo(OrderPurpose.STOP_LOSS);
        assertThat(stop.getReduceOnly()).isTrue();
        assertThat(stop.getQuantity()).isEqualByComparingTo(entry.getQuantity());
        assertThat(stop.getClientOrderId()).isEqualTo("a1-2-0");

        driver.fill(stop, new BigDecimal("98.98"), ExecutionCosts.NONE, time);
        PositionEvent closed = driver.positions().getLast();
        assertThat(closed.getKind()).isEqualTo(PositionEventKind.CLOSED);
        assertThat(closed.getCloseReason()).isEqualTo("stop_loss");
        assertThat(closed.getRealizedPnl()).isEqualByComparingTo("-19.99999998");
        assertThat(driver.logs()).extracting(AgentLogEntry::getLevel).contains(LogLevel.SL_TP);
    }

    @Test
    void shouldStepThroughTheTicksItHeldWhenItsEntryFillArrivesAfterThem() throws Exception {
        driver.config(candle("a1").build());
        bar("100", "101");
        OrderIntent entry = driver.intents().getFirst();
        Instant fillTime = time.plusSeconds(1);
        tick("101");
        tick("99.50");
        String touching = tick("98.90");
        tick("99.20");
        assertThat(driver.intents()).as("while the entry is in flight nothing is decided").isEmpty();
        assertThat(driver.metric("agent-ticks-stepped-total")).as("the bar's four ticks; the four since are held").isEqualTo(4);
        assertThat(driver.metric("agent-evaluations-total")).as("every tick and watermark delivered").isEqualTo(9);

        driver.fill(entry, new BigDecimal("101"), ExecutionCosts.NONE, fillTime);
        assertThat(driver.metric("agent-ticks-stepped-total")).as("up to the held tick that touched the stop").isEqualTo(7);

        OrderIntent stop = driver.intents().getFirst();
        assertThat(stop.getPurpose()).isEqualTo(OrderPurpose.STOP_LOSS);
        assertThat(stop.getCausationId()).as("caused by the held tick it was decided on, not by the fill").isEqualTo(touching);
        assertThat(stop.getEventTime()).as("decided at the held tick that touched the stop, 98.98").isEqualTo(fillTime.plusSeconds(2));
        assertThat(stop.getReferencePrice()).isEqualByComparingTo("98.90");
        assertThat(driver.positions()).as("the first held tick is an interval after the agent's first line: it marks the position")
                .extracting(PositionEvent::getKind).containsExactly(PositionEventKind.OPENED, PositionEventKind.MARKED);
    }

    @Test
    void shouldReportTheOpenedPositionWithItsLevelsWhenTheEntryFills() {
        driver.config(candle("a1").build());
        bar("100", "101");
        OrderIntent entry = driver.intents().getFirst();
        driver.fill(entry, new BigDecimal("101"), ExecutionCosts.NONE, time);

        PositionEvent opened = driver.positions().getFirst();
        assertThat(opened.getKind()).isEqualTo(PositionEventKind.OPENED);
        assertThat(opened.getPositionId()).isEqualTo("a1-p1");
        assertThat(opened.getStopLoss()).isEqualByComparingTo("98.98");
        assertThat(opened.getTakeProfit()).isEqualByComparingTo("105.04");
        assertThat(opened.getCausationId()).as("caused by the execution report").isNotNull();
    }

    @Test
    void shouldApplyNewRiskParametersAtTheNextTickWhenTheConfigChangesMidPosition() {
        AgentConfig.Builder config = candle("a1");
        openLong(config);
        driver.config(AgentConfigs.next(config.build()).setRisk(AgentConfigs.risk("1000", "1", "4", 1).build()).build());

        PositionEvent changed = driver.positions().getLast();
        assertThat(changed.getKind()).isEqualTo(PositionEventKind.CHANGED);
        assertThat(changed.getStopLoss()).isEqualByComparingTo("99.99");
        assertThat(driver.statuses().getLast().getConfigRevision()).isEqualTo(2);

        tick("99.98");
        assertThat(driver.intents()).singleElement().satisfies(i -> assertThat(i.getPurpose()).isEqualTo(OrderPurpose.STOP_LOSS));
    }

    @Test
    void shouldHaltInErrorAndFlattenWhenTheSessionLossLimitIsReached() {
        AgentConfig.Builder config = candle("a1").setRisk(AgentConfigs.risk("10000", "2", "4", 2).setLossLimitPct(wire("1")).build());
        openLong(config);

        tick("99.90");
        OrderIntent exit = driver.intents().getFirst();
        assertThat(exit.getPurpose()).isEqualTo(OrderPurpose.LOSS_LIMIT);
        AgentStatus status = driver.statuses().getLast();
        assertThat(status.getStatus()).isEqualTo(AgentState.ERROR);
        assertThat(status.getReason()).contains("loss limit");

        driver.fill(exit, new BigDecimal("99.90"), ExecutionCosts.NONE, time);
        bar("100", "101");
        assertThat(driver.intents()).as("halted until a person starts it again").isEmpty();
    }

    @Test
    void shouldPutTheAgentInErrorWhenTheGatewayCannotReconcileIt() {
        driver.config(candle("a1").build());
        bar("100", "101");
        OrderIntent entry = driver.intents().getFirst();

        driver.reject(entry, VenueReport.RECONCILIATION_FAILED, "venue shows an order we did not send");

        AgentStatus status = driver.statuses().getLast();
        assertThat(status.getStatus()).isEqualTo(AgentState.ERROR);
        assertThat(status.getReason()).contains("reconciliation with paper failed", "did not send");
    }

    @Test
    void shouldPutTheAgentInErrorWhenTheVenueSaysItCannotTradeForIt() {
        driver.config(candle("a1").build());

        driver.execution(ExecutionReport.newBuilder(TestEvents.rejected(entryLike("a1"), "CREDENTIALS_MISSING",
                "HASHKEY_SECRET is not set for this agent or its owner")).setClientOrderId("a1-account").setHalt(true).build());

        AgentStatus status = driver.statuses().getLast();
        assertThat(status.getStatus()).isEqualTo(AgentState.ERROR);
        assertThat(status.getReason()).contains("cannot trade for this agent", "HASHKEY_SECRET");
    }

    @Test
    void shouldKeepItsOrderInFlightAndLogNoErrorWhenTheVenueCancelsAProtectiveOrderTheAgentDidNotSend() {
        driver.config(candle("a1").build());
        bar("100", "101");
        OrderIntent entry = driver.intents().getFirst();
        driver.logs();

        // the gateway moved the venue-side stop of the agent's position: the old one is reported cancelled
        driver.execution(ExecutionReport.newBuilder(TestEvents.rejected(entryLike("a1"), null, null)).setClientOrderId("a1-0-1")
                .setStatus(ExecutionStatus.CANCELLED).build());

        assertThat(driver.logs()).singleElement().satisfies(log -> {
            assertThat(log.getLevel()).isEqualTo(LogLevel.SL_TP);
            assertThat(log.getMessage()).contains("a1-0-1", "cancelled");
        });
        driver.fill(entry, new BigDecimal("101"), ExecutionCosts.NONE, time);
        assertThat(driver.positions()).as("the entry was still in flight").singleElement()
                .satisfies(p -> assertThat(p.getKind()).isEqualTo(PositionEventKind.OPENED));
    }

    @Test
    void shouldTakeTheOrderAsDoneWhenTheVenueSaysFilledForLessThanWasAsked() {
        driver.config(candle("a1").build());
        bar("100", "101");
        OrderIntent entry = driver.intents().getFirst();
        tick("101");
        BigDecimal bought = Decimals.fromWire(entry.getQuantity()).subtract(new BigDecimal("0.01"));

        driver.execution(ExecutionReport.newBuilder(TestEvents.filled(entry, new BigDecimal("101"), ExecutionCosts.NONE, time))
                .setLastQuantity(Decimals.toWire(bought)).setCumulativeQuantity(Decimals.toWire(bought)).build());
        tick("98.90");

        assertThat(driver.positions().getFirst().getQuantity()).isEqualByComparingTo(bought);
        assertThat(driver.intents()).as("no longer in flight: the stop is watched").singleElement()
                .satisfies(i -> assertThat(i.getQuantity()).isEqualByComparingTo(bought));
    }

    private OrderIntent entryLike(String agentId) {
        return OrderIntent.newBuilder().setEventId("none").setEventTime(time).setAgentId(agentId).setOwnerId("owner-1")
                .setClientOrderId(agentId + "-account").setDecisionSequence(0).setLeg(0).setSymbol("BTC/USDT").setSide(OrderSide.BUY)
                .setType(OrderType.MARKET).setQuantity(Decimals.toWire(BigDecimal.ZERO)).setReferencePrice(Decimals.toWire(BigDecimal.ONE))
                .setLiveMode(true).setPurpose(OrderPurpose.ENTRY).build();
    }

    @Test
    void shouldPutOnlyTheFailingAgentInErrorWhenItsStrategyThrows() {
        driver.config(AgentConfigs.paper("fragile-1", "fragile").build());
        driver.config(candle("steady-1").build());
        drainAll();

        bar("660", "666");

        List<AgentStatus> statuses = driver.statuses();
        assertThat(statuses).filteredOn(s -> s.getStatus() != AgentState.RUNNING).singleElement().satisfies(s -> {
            assertThat(s.getAgentId()).isEqualTo("fragile-1");
            assertThat(s.getStatus()).isEqualTo(AgentState.ERROR);
            assertThat(s.getReason()).isEqualTo("strategy failure: IllegalStateException: the number of the beast");
        });
        assertThat(driver.intents()).singleElement().satisfies(i -> assertThat(i.getAgentId()).isEqualTo("steady-1"));
        assertThat(driver.stored("fragile-1", settings).status()).isEqualTo(Lifecycle.ERROR);
    }

    @Test
    void shouldLogTheFirstTickAtOnceAndThenOneLinePerIntervalWithTheTicksSinceWhenRunning() {
        try (AgentDriver lines = new AgentDriver(settings.withTickLines(true), null)) {
            lines.config(candle("a1").setIntervalSeconds(60).build());
            for (int i = 0; i < 7; i++) {
                lines.tick(time.plusSeconds(20L * i).toString(), "100");
            }

            assertThat(lines.logs()).filteredOn(l -> l.getLevel() == LogLevel.TICK).extracting(AgentLogEntry::getMessage)
                    .as("at 0 s (warming up: its one-bar strategy is warm after the bar of 0 to 60 s); at 60 s the ticks of 20, 40 "
                            + "and 60 s; at 120 s those of 80, 100 and 120 s")
                    .containsExactly("1 tick, price 100, flat, warming up, 0 of 1 bars", "3 ticks, price 100, flat", "3 ticks, price 100, flat");
        }
    }

    @Test
    void shouldMarkTheOpenPositionToThePriceOncePerIntervalWhenTheMarketMoves() {
        OrderIntent entry = openLong(candle("a1"));
        Instant lastBeat = time;

        driver.tick(lastBeat.plusSeconds(30).toString(), "102");
        assertThat(driver.positions()).as("within the interval of the last mark").isEmpty();
        driver.tick(lastBeat.plusSeconds(61).toString(), "103.50");

        PositionEvent mark = driver.positions().getLast();
        assertThat(mark.getKind()).isEqualTo(PositionEventKind.MARKED);
        assertThat(mark.getMarkPrice()).isEqualByComparingTo("103.50");
        assertThat(mark.getQuantity()).isEqualByComparingTo(entry.getQuantity());
        assertThat(mark.getUnrealizedPnl()).as("(103.50 - 101) x quantity, to 8 decimals").isCloseTo(
                new BigDecimal("2.50").multiply(Decimals.fromWire(entry.getQuantity())), within(new BigDecimal("0.00000001")));
        assertThat(mark.getRealizedPnl()).isEqualByComparingTo("0");
        assertThat(mark.getStopLoss()).isEqualByComparingTo("98.98");
        assertThat(driver.intents()).as("a mark is no order").isEmpty();
    }

    // ---------------------------------------------------------------- planning

    private AgentConfig.Builder planned() {
        return candle("a1").setPlanner(PlannerSettings.newBuilder().setEnabled(true).setEveryNBars(3).build());
    }

    private static StrategyPlan plan(long sequence, String strategy, int lookback, String maxLossPct) {
        return StrategyPlan.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Instant.parse("2023-03-01T00:00:30Z"))
                .setAgentId("a1")
                .setRequestSequence(sequence)
                .setStrategyName(strategy)
                .setLookback(lookback)
                .setThreshold(wire("0.6"))
                .setMaxLossPct(wire(maxLossPct))
                .setParams(Map.of())
                .setReasoning("ranging market, mean reversion fits")
                .setProvider("anthropic")
                .setModel("claude")
                .setFallback(false)
                .setDecisionId("d-" + sequence)
                .build();
    }

    @Test
    void shouldAskForAPlanOnStartAndApplyItAtTheNextBarBoundary() {
        driver.config(planned().build());
        AdvisorRequest request = driver.requests().getFirst();
        assertThat(request.getKind()).isEqualTo(AdvisorKind.PLANNING);
        assertThat(request.getSequence()).isEqualTo(1);
        assertThat(request.getCurrentPlan().getStrategyName()).isEqualTo("candle");
        assertThat(request.getBounds().getMaxLossPct()).isEqualByComparingTo("2");

        driver.plan(plan(1, "rsi_signal", 10, "5"));

        AgentLogEntry llm = driver.logs().getLast();
        assertThat(llm.getLevel()).isEqualTo(LogLevel.LLM);
        assertThat(llm.getMessage()).contains("rsi_signal", "clamped to the agent's 2", "ranging market");
        assertThat(driver.stored("a1", settings).plan().strategyName()).as("not before the bar boundary").isEqualTo("candle");

        bar("100", "100.1");
        HostedAgent agent = driver.stored("a1", settings);
        assertThat(agent.plan().strategyName()).isEqualTo("rsi_signal");
        assertThat(agent.plan().threshold()).isEqualTo(0.6);
        assertThat(agent.trader().settings().risk().maxLossPct()).isEqualByComparingTo("2");
        assertThat(driver.logs()).anySatisfy(l -> assertThat(l.getMessage()).contains("now trading rsi_signal"));

        bar("100", "100.1");
        bar("100", "100.1");
        AdvisorRequest next = driver.requests().getLast();
        assertThat(next.getSequence()).isEqualTo(2);
        assertThat(next.getRecentBars()).hasSize(3);
        assertThat(next.getCurrentPlan().getStrategyName()).isEqualTo("rsi_signal");
    }

    @Test
    void shouldIgnoreAPlanWithAWarningWhenItAnswersAnOlderRequest() {
        driver.config(planned().build());
        drainAll();

        driver.plan(plan(7, "rsi_signal", 10, "2"));

        assertThat(driver.logs()).singleElement().satisfies(l -> {
            assertThat(l.getLevel()).isEqualTo(LogLevel.WARN);
            assertThat(l.getMessage()).contains("request 1 is the one awaited", "late or out of order");
        });
        bar("100", "100.1");
        assertThat(driver.stored("a1", settings).plan().strategyName()).isEqualTo("candle");
    }

    @Test
    void shouldRefuseAPlanWhoseStrategyIsNotInTheCatalogue() {
        driver.config(planned().build());
        drainAll();

        driver.plan(plan(1, "astrology", 10, "2"));

        AgentLogEntry warn = driver.logs().getLast();
        assertThat(warn.getLevel()).isEqualTo(LogLevel.WARN);
        assertThat(warn.getMessage()).contains("refused", "'astrology' is not in the catalogue");
        assertThat(driver.stored("a1", settings).pendingPlan()).isNull();
    }

    // ---------------------------------------------------------------- supervision

    private AgentConfig.Builder supervised() {
        return candle("a1").setSupervisor(SupervisorSettings.newBuilder().setEnabled(true).setEveryNTicks(2).build());
    }

    private static RiskAdjustment reply(long sequence, SupervisorAction action, String stop, String target) {
        return RiskAdjustment.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Instant.parse("2023-03-01T00:02:00Z"))
                .setAgentId("a1")
                .setRequestSequence(sequence)
                .setPositionId("a1-p1")
                .setAction(action)
                .setStopLoss(stop == null ? null : wire(stop))
                .setTakeProfit(target == null ? null : wire(target))
                .setReasoning("momentum is fading")
                .setProvider("rules")
                .setModel(null)
                .setFallback(true)
                .setFallbackReason("no key for openai")
                .setDecisionId("s-" + sequence)
                .build();
    }

    @Test
    void shouldAskTheSupervisorEveryNTicksAndTakeItsTighterLevels() {
        openLong(supervised());
        tick("101.5");
        tick("101.6");

        // the review rides on positions.events: a mark of the position, carrying what the supervisor decides on
        PositionEvent mark = driver.reviewMarks().getFirst();
        assertThat(mark.getKind()).isEqualTo(PositionEventKind.MARKED);
        assertThat(mark.getPositionId()).isEqualTo("a1-p1");
        assertThat(driver.requests()).as("nothing for supervision on advisor.requests").isEmpty();
        AdvisorRequest request = mark.getReview();
        assertThat(request.getKind()).isEqualTo(AdvisorKind.SUPERVISION);
        assertThat(mark.getMarkPrice()).as("marked where the review looks").isEqualByComparingTo(request.getLastPrice());
        assertThat(request.getPosition().getEntryPrice()).isEqualByComparingTo("101");
        assertThat(request.getPosition().getStopLoss()).isEqualByComparingTo("98.98");

        driver.adjustment(reply(request.getSequence(), SupervisorAction.ADJUST_TP_SL, "100.50", "103"));
        PositionEvent changed = driver.positions().getLast();
        assertThat(changed.getStopLoss()).isEqualByComparingTo("100.50");
        assertThat(changed.getTakeProfit()).isEqualByComparingTo("103");
        assertThat(driver.logs()).filteredOn(l -> l.getLevel() == LogLevel.SUPERVISOR).singleElement()
                .satisfies(l -> assertThat(l.getFields()).as("the line names its decision").containsEntry("decision_id", "s-" + request.getSequence()));

        tick("100.49");
        assertThat(driver.intents()).singleElement().satisfies(i -> assertThat(i.getPurpose()).isEqualTo(OrderPurpose.STOP_LOSS));
    }

    @Test
    void shouldReviewEveryNSecondsOfMarketTimeWhenTheSettingsGiveSeconds() {
        // ticks come a second apart here; the settings ask for a review every 5 s whatever the ticks
        openLong(candle("a1").setSupervisor(SupervisorSettings.newBuilder().setEnabled(true).setEveryNTicks(1).setEveryNSeconds(5).build()));
        Instant opened = time; // the position's first supervised tick
        for (int i = 0; i < 4; i++) {
            tick("101.5");
        }
        assertThat(driver.reviews()).as("4 s into the position").isEmpty();
        tick("101.5");
        AdvisorRequest first = driver.reviews().getFirst();
        assertThat(first.getEventTime()).isEqualTo(opened.plusSeconds(5));

        driver.adjustment(reply(first.getSequence(), SupervisorAction.KEEP, null, null));
        for (int i = 0; i < 4; i++) {
            tick("101.6");
        }
        assertThat(driver.reviews()).as("4 s after the last review").isEmpty();
        tick("101.6");
        assertThat(driver.reviews()).singleElement().satisfies(r -> assertThat(r.getEventTime()).isEqualTo(first.getEventTime().plusSeconds(5)));
    }

    @Test
    void shouldAwaitASlowSupervisorsReplyRatherThanAskAgainEveryNTicks() {
        openLong(supervised());
        // the tick the entry filled at is the first in the position (stepped after the fill), this one the second
        tick("101.5");
        AdvisorRequest first = driver.reviews().getFirst();
        for (int i = 0; i < 2 * AgentKernel.PATIENCE_CYCLES - 1; i++) {
            tick(i % 2 == 0 ? "101.7" : "101.8");
        }
        assertThat(driver.reviews()).as("no second request while the first is awaited").isEmpty();

        driver.adjustment(reply(first.getSequence(), SupervisorAction.ADJUST_TP_SL, "100.50", "103"));
        assertThat(driver.positions().getLast().getStopLoss()).as("the slow reply is applied").isEqualByComparingTo("100.50");
        tick("101.7");
        tick("101.8");
        assertThat(driver.reviews()).as("the next cycle asks again").hasSize(1);
    }

    @Test
    void shouldGiveUpOnAnAwaitedReviewAfterTenCyclesAndIgnoreItsLateReply() {
        openLong(supervised());
        tick("101.5");
        tick("101.6");
        AdvisorRequest first = driver.reviews().getFirst();
        for (int i = 0; i < 2 * AgentKernel.PATIENCE_CYCLES; i++) {
            tick(i % 2 == 0 ? "101.7" : "101.8");
        }
        AdvisorRequest second = driver.reviews().getFirst();
        assertThat(second.getSequence()).isGreaterThan(first.getSequence());

        driver.adjustment(reply(first.getSequence(), SupervisorAction.ADJUST_TP_SL, "100.50", "103"));

        assertThat(driver.positions()).isEmpty();
        assertThat(driver.logs().getLast().getMessage()).contains("late or out of order");
    }

    @Test
    void shouldClampASupervisorsStopThatWidensTheRiskBeyondMaxLoss() {
        openLong(supervised());
        tick("101.5");
        tick("101.6");
        AdvisorRequest request = driver.reviews().getFirst();

        driver.adjustment(reply(request.getSequence(), SupervisorAction.ADJUST_TP_SL, "90", null));

        assertThat(driver.positions()).isEmpty();
        assertThat(driver.logs()).anySatisfy(l -> {
            assertThat(l.getLevel()).isEqualTo(LogLevel.WARN);
            assertThat(l.getMessage()).contains("clamped to 98.98");
        });
    }

    @Test
    void shouldCloseThePositionWhenTheSupervisorSaysClose() {
        openLong(supervised());
        tick("101.5");
        tick("101.6");
        AdvisorRequest request = driver.reviews().getFirst();

        driver.adjustment(reply(request.getSequence(), SupervisorAction.CLOSE, null, null));

        OrderIntent close = driver.intents().getFirst();
        assertThat(close.getPurpose()).isEqualTo(OrderPurpose.SUPERVISOR_CLOSE);
        assertThat(close.getReduceOnly()).isTrue();
        assertThat(close.getReason()).contains("momentum is fading");
        assertThat(driver.logs()).extracting(AgentLogEntry::getLevel).contains(LogLevel.SUPERVISOR);
    }

    @Test
    void shouldIgnoreASupervisorReplyWithAWarningWhenThePositionHasClosed() {
        openLong(supervised());
        tick("101.5");
        tick("101.6");
        AdvisorRequest request = driver.reviews().getFirst();
        tick("98.00");
        OrderIntent stop = driver.intents().getFirst();
        driver.fill(stop, new BigDecimal("98.00"), ExecutionCosts.NONE, time);
        drainAll();

        driver.adjustment(reply(request.getSequence(), SupervisorAction.CLOSE, null, null));

        assertThat(driver.intents()).isEmpty();
        AgentLogEntry warn = driver.logs().getLast();
        assertThat(warn.getLevel()).isEqualTo(LogLevel.WARN);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void shouldApplyEachTickOnceWhenTheFanOutSendsItsCopiesAgain() {
        openLong(candle("a1"));
        tick("101.50");
        double evaluations = driver.metric(AgentTopology.EVALUATIONS);
        long ticks = driver.market("BTC/USDT").ticks();
        drainAll();

        // the fan-out restarted from an older committed offset: the bar's last tick, its watermark and the ticks after
        // it arrive again
        driver.resendCopies(4);

        assertThat(driver.metric(AgentTopology.COPIES_DROPPED)).isEqualTo(4.0);
        assertThat(driver.metric(AgentTopology.EVALUATIONS)).isEqualTo(evaluations);
        assertThat(driver.market("BTC/USDT").ticks()).isEqualTo(ticks);
        assertThat(driver.intents()).isEmpty();
        assertThat(driver.positions()).isEmpty();
        tick("98.90");
        assertThat(driver.intents()).as("a new tick is applied").singleElement()
                .satisfies(i -> assertThat(i.getPurpose()).isEqualTo(io.agenthub.schemas.events.OrderPurpose.STOP_LOSS));
    }

    @Test
    void shouldDeadLetterBrokenRecordsAndCarryOn() {
        var topics = driver.topics();
        driver.raw(topics.agentsConfig().name(), "a1".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        byte[] valid = topics.agentsConfig().valueSerde().serializer().serialize("x", candle("a2").build());
        driver.raw(topics.agentsConfig().name(), "someone-else".getBytes(StandardCharsets.UTF_8), valid);
        driver.raw(topics.agentsConfig().name(), null, valid);
        driver.raw(topics.marketTicks().name(), BTC.toString().getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, 1, 2});
        driver.raw(topics.ordersExecutions().name(), "a1".getBytes(StandardCharsets.UTF_8), new byte[0]);

        assertThat(driver.deadLetters(topics.agentsConfig())).hasSize(3)
                .anySatisfy(d -> assertThat(d.getErrorMessage()).contains("does not match its agent id"))
                .anySatisfy(d -> assertThat(d.getErrorMessage()).contains("no key"));
        assertThat(driver.deadLetters(topics.marketTicks())).as("once, before the fan-out").hasSize(1);
        assertThat(driver.deadLetters(topics.ordersExecutions())).hasSize(1);

        driver.config(candle("a1").build());
        bar("100", "101");
        assertThat(driver.intents()).hasSize(1);
    }

    @Test
    void shouldCountLateTicksAndUseThemForNothing() {
        driver.config(candle("a1").build());
        driver.tick("2023-03-01T00:00:00Z", "100");
        driver.tick("2023-03-01T00:01:00Z", "100");
        driver.tick("2023-03-01T00:00:30Z", "50");
        driver.watermark(Instant.parse("2023-03-01T00:02:00Z"));

        HostedAgent agent = driver.stored("a1", settings);
        assertThat(driver.market("BTC/USDT").lateTicks()).isEqualTo(1);
        assertThat(agent.bars()).isEqualTo(2);
        assertThat(agent.trader().lastPrice()).isEqualTo(100);
    }

    // ---------------------------------------------------------------- deployment shapes

    @Test
    void shouldHostOnlyItsOwnDedicatedAgentWhenDedicated() {
        try (AgentDriver dedicated = new AgentDriver(settings, null, Hosting.dedicatedTo("solo"))) {
            dedicated.config(candle("solo").setDeployment(Deployment.DEDICATED).build());
            dedicated.config(candle("pooled").build());
            dedicated.config(candle("other-solo").setDeployment(Deployment.DEDICATED).build());

            assertThat(dedicated.statuses()).extracting(AgentStatus::getAgentId).containsExactly("solo");
            assertThat(dedicated.store().get("pooled")).isNull();
            assertThat(dedicated.store().get("other-solo")).isNull();
        }
    }

    @Test
    void shouldLeaveDedicatedAgentsToTheirOwnProcessorWhenPooled() {
        driver.config(candle("solo").setDeployment(Deployment.DEDICATED).build());
        driver.config(candle("pooled").build());

        assertThat(driver.statuses()).extracting(AgentStatus::getAgentId).containsExactly("pooled");
        bar("100", "101");
        assertThat(driver.intents()).extracting(OrderIntent::getAgentId).containsExactly("pooled");
    }

    @Test
    void shouldReleaseAnAgentWhenItMovesToADedicatedProcessor() {
        AgentConfig pooled = candle("mover").build();
        driver.config(pooled);
        driver.config(AgentConfigs.next(pooled).setDeployment(Deployment.DEDICATED).build());

        assertThat(driver.store().get("mover")).isNull();
        bar("100", "101");
        assertThat(driver.intents()).isEmpty();
    }
}
