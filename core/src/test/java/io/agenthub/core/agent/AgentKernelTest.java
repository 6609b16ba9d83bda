package io.agenthub.core.agent;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.trading.AgentLog;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.PositionUpdate;
import io.agenthub.core.trading.RiskSettings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's own rules around the trading step: when it lets a runner give a stretch of ticks within a range as its
 * last tick alone (only where every tick of it would change nothing but the price), and when it makes its interval line.
 */
class AgentKernelTest {

    private static final StrategyDefinition STRATEGY = StrategyCatalog.builtIn().require("ema_crossover");

    private static AgentKernel kernel(AgentSpec.Advisors advisors, Outputs out) {
        AgentKernel kernel = new AgentKernel(AgentId.of("k1"), new AgentKernel.Environment(StrategyCatalog.builtIn(), new BigDecimal("10000"),
                0, false, false, BarSource.NONE));
        AgentSettings settings = new AgentSettings(Instruments.defaults().resolve("BTC/USDT"), STRATEGY, STRATEGY.defaults(), 0.5,
                RiskSettings.defaults(), ExecutionCosts.NONE, 60);
        kernel.configure(new AgentSpec(1, AgentSpec.Desired.RUNNING, false, "owner", false, new AgentSettings.Valid(settings), advisors), 0, out);
        return kernel;
    }

    @Test
    void shouldBeQuietWithinARangeOnlyOnceItHasSeenItsFirstTick() {
        Outputs out = new Outputs(false);
        AgentKernel kernel = kernel(AgentSpec.Advisors.NONE, out);
        assertThat(kernel.quietWithin(1, 1_000_000, out)).as("the first tick warms it up and fixes its bars").isFalse();

        kernel.tick(60_000, 100, 1, true, out);

        assertThat(kernel.quietWithin(1, 1_000_000, out)).as("flat, nothing in flight").isTrue();
    }

    @Test
    void shouldNotBeQuietWhenItsOutputsReadMarks() {
        Outputs out = new Outputs(true);
        AgentKernel kernel = kernel(AgentSpec.Advisors.NONE, out);
        kernel.tick(60_000, 100, 1, true, out);

        assertThat(kernel.quietWithin(99, 101, out)).as("each interval's mark and tick line is made at a tick").isFalse();
    }

    @Test
    void shouldNotBeQuietWhenASupervisorCountsItsTicks() {
        Outputs out = new Outputs(false);
        AgentKernel kernel = kernel(new AgentSpec.Advisors(false, 1, true, 5, null), out);
        kernel.tick(60_000, 100, 1, true, out);

        assertThat(kernel.quietWithin(99, 101, out)).isFalse();
    }

    @Test
    void shouldBeQuietWhenNotRunningAsNoTickReachesIt() {
        Outputs out = new Outputs(false);
        AgentKernel kernel = kernel(AgentSpec.Advisors.NONE, out);
        kernel.fail(new IllegalStateException("boom"), 0, out);

        assertThat(kernel.status()).isEqualTo(Lifecycle.ERROR);
        assertThat(kernel.quietWithin(99, 101, out)).isTrue();
        assertThat(kernel.tick(60_000, 100, 1, true, out)).isFalse();
    }

    @Test
    void shouldMakeItsIntervalLineAtTheFirstTickOfEachIntervalAndSayTheStateChanged() {
        Outputs out = new Outputs(true);
        AgentKernel kernel = kernel(AgentSpec.Advisors.NONE, out);
        long minute = 60_000_000;
        assertThat(kernel.tick(minute + 15_000, 100, 1, true, out)).as("its first tick, 15 s into a minute").isTrue();
        assertThat(kernel.lastBeat).isEqualTo(minute + 15_000);

        assertThat(kernel.tick(minute + 59_999, 101, 2, true, out)).as("the same minute").isFalse();
        assertThat(kernel.lastBeat).isEqualTo(minute + 15_000);
        assertThat(kernel.tick(minute + 60_000, 102, 3, true, out)).as("the next minute, not 60 s after the last line: a line, stored")
                .isTrue();
        assertThat(kernel.lastBeat).isEqualTo(minute + 60_000);
        assertThat(kernel.ticksAtBeat).isEqualTo(3);
    }

    private static final class Outputs implements KernelOutputs {
        private final boolean marks;

        Outputs(boolean marks) {
            this.marks = marks;
        }

        @Override
        public boolean wantsMarks() {
            return marks;
        }

        @Override
        public void status(Lifecycle state, String reason, long revision, long time) {
        }

        @Override
        public void plan(AdviceRequest request) {
        }

        @Override
        public void reviewWithNextMark(AdviceRequest request) {
        }

        @Override
        public void order(OrderRequest order) {
        }

        @Override
        public void position(PositionUpdate update) {
        }

        @Override
        public void log(AgentLog log) {
        }
    }
}
