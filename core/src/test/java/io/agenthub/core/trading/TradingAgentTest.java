package io.agenthub.core.trading;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.venue.FillModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The step function, driven bar by bar and tick by tick with a scripted strategy. */
class TradingAgentTest {

    private static final ExecutionCosts NO_COSTS = ExecutionCosts.NONE;
    private final ScriptedStrategy strategy = new ScriptedStrategy();
    private final RecordingOutputs out = new RecordingOutputs();
    private long time;

    private TradingAgent agent(boolean allowShort, String lossLimitPct) {
        RiskSettings risk = new RiskSettings(new BigDecimal("1000"), new BigDecimal("2"), new BigDecimal("4"), 1, null,
                lossLimitPct == null ? null : new BigDecimal(lossLimitPct), allowShort, TpSlMode.FIXED,
                new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("0.005"));
        return new TradingAgent(new TradingSettings(AgentId.of("a1"), Instruments.defaults().resolve("BTC/USDT"), risk, NO_COSTS,
                0.5, new BigDecimal("10000")), strategy);
    }

    /** Positions of the whole 10,000 equity, a 10 % stop, and a 3 % session loss limit, which comes first. */
    private TradingAgent lossLimited(boolean allowShort) {
        return new TradingAgent(new TradingSettings(AgentId.of("a1"), Instruments.defaults().resolve("BTC/USDT"),
                new RiskSettings(new BigDecimal("10000"), new BigDecimal("10"), new BigDecimal("20"), 1, null, new BigDecimal("3"),
                        allowShort, TpSlMode.FIXED, new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("0.005")),
                NO_COSTS, 0.5, new BigDecimal("10000")), strategy);
    }

    private void bar(TradingAgent agent, double close, double signal) {
        strategy.say(signal);
        time += 60_000;
        agent.decide(agent.learn(time - 60_000, time, close, close, close, close, 1), close, time, out);
    }

    /** The paper venue: fills the order in flight at {@code price}. */
    private void fillAt(TradingAgent agent, String price) {
        OrderRequest order = agent.inFlight();
        agent.onFill(FillModel.marketFill(order, new BigDecimal(price), NO_COSTS, 2, time), false, out);
    }

    @Test
    void shouldOpenOnStrongSignalAndPlaceLevelsWhenFilled() {
        TradingAgent agent = agent(false, null);

        bar(agent, 100, 0.3);
        assertThat(out.orders).as("below threshold").isEmpty();
        bar(agent, 100, 0.8);

        OrderRequest entry = out.lastOrder();
        assertThat(entry.side()).isEqualTo(Side.BUY);
        assertThat(entry.purpose()).isEqualTo(OrderPurpose.ENTRY);
        assertThat(entry.quantity()).isEqualByComparingTo("10");
        assertThat(entry.clientOrderId().value()).isEqualTo("a1-1-0");
        assertThat(entry.fillsAtTrigger()).isFalse();

        fillAt(agent, "101.00");
        assertThat(agent.position().side()).isEqualTo(PositionSide.LONG);
        assertThat(agent.levels().stopLoss()).isEqualByComparingTo("98.98");
        assertThat(agent.levels().takeProfit()).isEqualByComparingTo("105.04");
        assertThat(out.positions.getLast().kind()).isEqualTo(PositionUpdate.Kind.OPENED);
        assertThat(out.positions.getLast().positionId()).isEqualTo("a1-p1");
    }

    @Test
    void shouldStopOutAtTheTouchingTickAndNotBeforeIt() {
        TradingAgent agent = agent(false, null);
        bar(agent, 100, 1);
        fillAt(agent, "100.00");

        agent.onTick(time + 1, 98.01, out);
        assertThat(agent.inFlight()).isNull();
        agent.onTick(time + 2, 97.50, out);

        OrderRequest stop = out.lastOrder();
        assertThat(stop.purpose()).isEqualTo(OrderPurpose.STOP_LOSS);
        assertThat(stop.fillsAtTrigger()).isTrue();
        assertThat(stop.referencePrice()).as("the tick that reached the stop").isEqualByComparingTo("97.50");
        assertThat(stop.triggerPrice()).as("the level, for the venue's fill model").isEqualByComparingTo("98.00");
        fillAt(agent, "97.50");
        PositionUpdate closed = out.positions.getLast();
        assertThat(closed.kind()).isEqualTo(PositionUpdate.Kind.CLOSED);
        assertThat(closed.closeReason()).isEqualTo("stop_loss");
        assertThat(agent.cash()).isEqualByComparingTo("9975");
        assertThat(out.logs).anyMatch(l -> l.level() == LogLevel.SL_TP);
    }

    @Test
    void shouldMarkTheOpenPositionToTheLastPriceWhenAsked() {
        TradingAgent agent = agent(false, null);
        assertThat(agent.mark(time, out)).as("nothing to mark while flat").isFalse();
        bar(agent, 100, 1);
        fillAt(agent, "100.00");
        agent.onTick(time + 1, 102.5, out);

        assertThat(agent.mark(time + 1, out)).isTrue();

        PositionUpdate mark = out.positions.getLast();
        assertThat(mark.kind()).isEqualTo(PositionUpdate.Kind.MARKED);
        assertThat(mark.markPrice()).isEqualByComparingTo("102.50");
        assertThat(mark.unrealizedPnl()).as("2.50 x 10").isEqualByComparingTo("25");
        assertThat(mark.positionId()).isEqualTo("a1-p1");
        assertThat(out.orders).hasSize(1);
    }

    @Test
    void shouldTakeProfitAndCloseOnOppositeSignal() {
        TradingAgent agent = agent(false, null);
        bar(agent, 100, 1);
        fillAt(agent, "100.00");
        agent.onTick(time + 1, 104.00, out);
        assertThat(out.lastOrder().purpose()).isEqualTo(OrderPurpose.TAKE_PROFIT);
        fillAt(agent, "104.00");

        bar(agent, 104, 1);
        fillAt(agent, "104.00");
        bar(agent, 103, -0.9);
        assertThat(out.lastOrder().purpose()).isEqualTo(OrderPurpose.EXIT);
        assertThat(out.lastOrder().reduceOnly()).isTrue();
    }

    @Test
    void shouldStayLongOnlyUnlessShortsAreAllowed() {
        TradingAgent longOnly = agent(false, null);
        bar(longOnly, 100, -1);
        assertThat(out.orders).isEmpty();

        TradingAgent shorts = agent(true, null);
        bar(shorts, 100, -1);
        assertThat(out.lastOrder().side()).isEqualTo(Side.SELL);
    }

    @Test
    void shouldDecideNothingElseWhileAnOrderIsInFlight() {
        TradingAgent agent = agent(false, null);
        bar(agent, 100, 1);
        bar(agent, 100, 1);
        bar(agent, 100, 1);

        assertThat(out.orders).hasSize(1);
    }

    @Test
    void shouldHaltAndFlattenWhenTheSessionLossLimitIsReached() {
        TradingAgent agent = lossLimited(false);
        bar(agent, 100, 1);
        fillAt(agent, "100.00");

        agent.onTick(time + 1, 97.10, out);
        assertThat(agent.halted()).isFalse();
        agent.onTick(time + 2, 96.90, out);

        assertThat(agent.halted()).isTrue();
        assertThat(agent.haltReason()).contains("loss limit");
        assertThat(out.lastOrder().purpose()).isEqualTo(OrderPurpose.LOSS_LIMIT);
        fillAt(agent, "96.90");
        bar(agent, 97, 1);
        assertThat(out.lastOrder().purpose()).as("halted: no new entry").isEqualTo(OrderPurpose.LOSS_LIMIT);
        assertThat(out.logs).anyMatch(l -> l.level() == LogLevel.STOP);
    }

    @Test
    void shouldBeQuietWithinARangeOnlyWhenNoExitNorOrderIsInsideIt() {
        TradingAgent agent = agent(true, "1");
        assertThat(agent.quietWithin(1, 1_000_000)).as("flat: no price makes it act").isTrue();
        bar(agent, 100, 1);
        assertThat(agent.quietWithin(99.99, 100.01)).as("an entry in flight").isFalse();
        fillAt(agent, "100.00");
        // long 10 at 100: stop 98, target 104, the 1 % loss limit of 10,000 at 90

        assertThat(agent.quietWithin(98.01, 103.99)).isTrue();
        assertThat(agent.quietWithin(98.00, 103.99)).as("the stop at the low end").isFalse();
        assertThat(agent.quietWithin(98.01, 104.00)).as("the target at the high end").isFalse();
        assertThat(out.orders).as("asking decides nothing").hasSize(1);
    }

    @Test
    void shouldNotBeQuietWhereTheLossLimitIsInsideTheRange() {
        TradingAgent agent = lossLimited(true);
        bar(agent, 100, -1);
        fillAt(agent, "100.00");
        // short 100 at 100: the 3 % loss limit is reached at 103, before the 110 stop

        assertThat(agent.quietWithin(91, 102.99)).isTrue();
        assertThat(agent.quietWithin(91, 103.01)).as("a short's loss limit at the high end").isFalse();
        assertThat(agent.quietWithin(97.01, 102)).isTrue();
    }

    @Test
    void shouldFlattenAndStayHaltedOnTheKillSwitchUntilAHumanResumes() {
        TradingAgent agent = agent(false, null);
        bar(agent, 100, 1);
        fillAt(agent, "100.00");

        agent.kill("alice", time, out);
        assertThat(out.lastOrder().purpose()).isEqualTo(OrderPurpose.KILL_SWITCH);
        fillAt(agent, "100.00");
        bar(agent, 100, 1);
        assertThat(out.orders).hasSize(2);

        agent.resume("alice", time, out);
        bar(agent, 100, 1);
        assertThat(out.orders).hasSize(3);
    }

    @Test
    void shouldContinueIdenticallyWhenRestoredMidPosition() throws Exception {
        TradingAgent agent = agent(false, null);
        bar(agent, 100, 1);
        fillAt(agent, "100.00");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        agent.write(new DataOutputStream(bytes));

        ScriptedStrategy otherStrategy = new ScriptedStrategy();
        TradingAgent restored = new TradingAgent(agent.settings(), otherStrategy);
        restored.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(restored.position()).isEqualTo(agent.position());
        assertThat(restored.levels()).isEqualTo(agent.levels());
        assertThat(restored.cash()).isEqualByComparingTo(agent.cash());
        RecordingOutputs restoredOut = new RecordingOutputs();
        restored.onTick(time + 1, 97.0, restoredOut);
        assertThat(restoredOut.lastOrder().clientOrderId().value()).isEqualTo("a1-2-0");
        assertThat(restoredOut.lastOrder().purpose()).isEqualTo(OrderPurpose.STOP_LOSS);
    }

    @Test
    void shouldAllocateNothingOnQuietTicks() {
        TradingAgent agent = agent(false, null);
        bar(agent, 100, 1);
        fillAt(agent, "100.00");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 10_000; i++) {
            agent.onTick(time, 100 + (i % 3) * 0.01, out);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            agent.onTick(time, 100 + (i % 3) * 0.01, out);
        }
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1_024);
    }

    @Test
    void shouldClampASupervisorsStopToMaxLossAndRefuseLevelsOnTheWrongSide() {
        TradingAgent agent = agent(false, null);
        bar(agent, 100, 1);
        fillAt(agent, "100.00");
        agent.onTick(time + 1, 101, out);

        assertThat(agent.adjustLevels(new BigDecimal("102"), null, time + 2, "supervisor", Map.of(), out))
                .singleElement().asString().contains("not on the losing side");
        assertThat(agent.levels().stopLoss()).as("unchanged").isEqualByComparingTo("98.00");

        assertThat(agent.adjustLevels(new BigDecimal("90"), new BigDecimal("99"), time + 3, "supervisor", Map.of(), out))
                .anySatisfy(note -> assertThat(note).contains("clamped to 98.00"))
                .anySatisfy(note -> assertThat(note).contains("take-profit 99 refused"));
        assertThat(agent.levels().stopLoss()).as("max_loss_pct defaults to the 2 % stop").isEqualByComparingTo("98.00");

        assertThat(agent.adjustLevels(new BigDecimal("99.5"), new BigDecimal("103"), time + 4, "supervisor", Map.of(), out)).isEmpty();
        assertThat(agent.levels().stopLoss()).isEqualByComparingTo("99.50");
        assertThat(agent.levels().takeProfit()).isEqualByComparingTo("103.00");
        assertThat(out.positions.getLast().kind()).isEqualTo(PositionUpdate.Kind.CHANGED);

        agent.onTick(time + 5, 99.4, out);
        assertThat(out.lastOrder().purpose()).as("the tightened stop fires").isEqualTo(OrderPurpose.STOP_LOSS);
    }

    @Test
    void shouldRefuseLevelsWhenFlat() {
        TradingAgent agent = agent(false, null);
        assertThat(agent.adjustLevels(new BigDecimal("99"), null, 1, "supervisor", Map.of(), out)).containsExactly("no open position");
        assertThat(out.positions).isEmpty();
    }

    @Test
    void shouldCloseOnASupervisorsDecisionAtTheNextTick() {
        TradingAgent agent = agent(false, null);
        assertThat(agent.close(OrderPurpose.SUPERVISOR_CLOSE, "supervisor", time, out)).as("flat").isFalse();
        bar(agent, 100, 1);
        fillAt(agent, "100.00");
        agent.onTick(time + 1, 100.5, out);

        assertThat(agent.close(OrderPurpose.SUPERVISOR_CLOSE, "supervisor: momentum faded", time + 1, out)).isTrue();
        OrderRequest exit = out.lastOrder();
        assertThat(exit.purpose()).isEqualTo(OrderPurpose.SUPERVISOR_CLOSE);
        assertThat(exit.side()).isEqualTo(Side.SELL);
        assertThat(exit.reduceOnly()).isTrue();
        assertThat(agent.close(OrderPurpose.SUPERVISOR_CLOSE, "again", time + 2, out)).as("one order at a time").isFalse();
    }

    @Test
    void shouldPlaceLevelsAgainWhenRiskSettingsChangeMidPosition() {
        TradingAgent agent = agent(false, null);
        bar(agent, 100, 1);
        fillAt(agent, "100.00");
        TradingSettings before = agent.settings();
        RiskSettings wider = new RiskSettings(new BigDecimal("1000"), new BigDecimal("3"), new BigDecimal("6"), 1, null, null,
                false, TpSlMode.FIXED, new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("0.005"));

        agent.reconfigure(new TradingSettings(AgentId.of("a1"), before.instrument(), wider, before.costs(), 0.5, before.initialEquity()),
                time + 1, out);

        assertThat(agent.levels().stopLoss()).isEqualByComparingTo("97.00");
        assertThat(agent.levels().takeProfit()).isEqualByComparingTo("106.00");
        assertThat(out.positions.getLast().kind()).isEqualTo(PositionUpdate.Kind.CHANGED);
        agent.onTick(time + 2, 97.5, out);
        assertThat(agent.inFlight()).as("the old 98 stop no longer applies").isNull();
    }
}
