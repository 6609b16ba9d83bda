package io.agenthub.core.strategy;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every strategy over the real dataset: bounded signals, quiet warm-up, exact state restore, no allocation. */
class StrategyBehaviourTest {

    private static long[] time;
    private static double[] open;
    private static double[] high;
    private static double[] low;
    private static double[] close;
    private static double[] volume;
    private static int n;

    @BeforeAll
    static void load() throws Exception {
        List<Bar> bars = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE);
        n = bars.size();
        time = new long[n];
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        for (int i = 0; i < n; i++) {
            Bar b = bars.get(i);
            time[i] = b.openTime().toEpochMilli();
            open[i] = b.open().doubleValue();
            high[i] = b.high().doubleValue();
            low[i] = b.low().doubleValue();
            close[i] = b.close().doubleValue();
            volume[i] = b.volume().doubleValue();
        }
    }

    private static double feed(Strategy s, int i) {
        return s.onBar(time[i], open[i], high[i], low[i], close[i], volume[i]);
    }

    @TestFactory
    Stream<DynamicTest> shouldStayWithinBoundsAndQuietDuringWarmUpWhenRunOverTheDataset() {
        return StrategyCatalog.builtIn().all().stream().map(d -> DynamicTest.dynamicTest(d.name(), () -> {
            Strategy s = d.create(d.defaults());
            int nonZero = 0;
            for (int i = 0; i < n; i++) {
                double signal = feed(s, i);
                assertThat(signal).as("%s at bar %d", d.name(), i).isBetween(-1.0, 1.0).isNotNaN();
                if (i < s.warmup() - 1) {
                    assertThat(signal).as("%s during warm-up at bar %d", d.name(), i).isZero();
                }
                if (signal != 0) {
                    nonZero++;
                }
            }
            if (d.name().equals("funding_oi_filter")) {
                assertThat(nonZero).as("no funding data, no signal").isZero();
            } else {
                assertThat(nonZero).as("%s gives signals on 21 days of real data", d.name()).isPositive();
            }
            assertThat(s.explain()).startsWith("signal ");
        }));
    }

    @TestFactory
    Stream<DynamicTest> shouldBehaveIdenticallyAfterItsStateIsRestored() {
        return StrategyCatalog.builtIn().all().stream().map(d -> DynamicTest.dynamicTest(d.name(), () -> {
            Strategy original = d.create(d.defaults());
            for (int i = 0; i < 3_000; i++) {
                feed(original, i);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            original.write(new DataOutputStream(bytes));
            Strategy restored = d.create(d.defaults());
            restored.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

            for (int i = 3_000; i < 6_000; i++) {
                assertThat(feed(restored, i)).as("%s at bar %d", d.name(), i).isEqualTo(feed(original, i));
            }
            assertThat(restored.explain()).isEqualTo(original.explain());
            assertThat(bytes.size()).as("%s state bytes", d.name()).isLessThan(4_000);
        }));
    }

    @Test
    void shouldLeanAgainstPositiveFundingWhenFundingDataArrives() {
        StrategyDefinition d = StrategyCatalog.builtIn().require("funding_oi_filter");
        Strategy s = d.create(d.defaults());
        ((FundingAware) s).onFundingRate(time[0], 0.0005);

        assertThat(feed(s, 0)).isEqualTo(-1.0);
        assertThat(s.explain()).contains("funding rate");
    }

    @TestFactory
    Stream<DynamicTest> shouldNotAllocateWhenFedBars() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return StrategyCatalog.builtIn().all().stream().map(d -> DynamicTest.dynamicTest(d.name(), () -> {
            Strategy s = d.create(d.defaults());
            for (int i = 0; i < 10_000; i++) {
                feed(s, i);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 10_000; i < n; i++) {
                feed(s, i);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as("%s bytes allocated over %d bars", d.name(), n - 10_000).isLessThan(1_024);
        }));
    }
}
