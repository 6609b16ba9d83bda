package io.agenthub.core.market.csv;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandleCsvReaderTest {

    private static final Symbol BTC = new Symbol("BTC", "USDT");

    private static List<Bar> readAll(CandleCsvReader reader) {
        List<Bar> bars = new ArrayList<>();
        reader.forEachRemaining(bars::add);
        return bars;
    }

    @Test
    void shouldSkipAndReportMalformedRowsWithLineNumbersWhenFileHasGarbage() {
        String csv = """
                open_time,open,high,low,close,volume
                2023-03-01 00:00:00+00:00,100,101,99,100.5,1.5
                2023-03-01 00:01:00+00:00,100,abc,99,100,1
                2023-03-01 00:02:00+00:00,100,101
                not-a-time,100,101,99,100,1
                2023-03-01 00:03:00+00:00,100,99,101,100,1
                2023-03-01 00:04:00+00:00,100,101,99,100,-1
                2023-03-01 00:00:00+00:00,100,101,99,100,1
                2023-03-01 00:05:30+00:00,100,101,99,100,1

                2023-03-01T00:06:00Z,100,101,99,100,0
                1677629220000,100,101,99,100,2
                """;
        CandleCsvReader reader = CandleCsvReader.of(new StringReader(csv), "test.csv", BTC, Timeframe.ONE_MINUTE);

        List<Bar> bars = readAll(reader);
        CandleCsvReport report = reader.report();

        assertThat(bars).extracting(Bar::openTime).containsExactly(
                Instant.parse("2023-03-01T00:00:00Z"), Instant.parse("2023-03-01T00:06:00Z"), Instant.parse("2023-03-01T00:07:00Z"));
        assertThat(report.rows()).isEqualTo(10);
        assertThat(report.candles()).isEqualTo(3);
        assertThat(report.skipped()).isEqualTo(7);
        assertThat(report.firstSkipped()).extracting(SkippedRow::lineNumber).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(report.firstSkipped().get(0).reason()).contains("high 'abc' is not a number");
        assertThat(report.firstSkipped().get(1).reason()).contains("columns");
        assertThat(report.firstSkipped().get(2).reason()).contains("not a time");
        assertThat(report.firstSkipped().get(3).reason()).contains("below");
        assertThat(report.firstSkipped().get(4).reason()).contains("volume");
        assertThat(report.firstSkipped().get(5).reason()).contains("does not come after");
        assertThat(report.firstSkipped().get(6).reason()).contains("not aligned");
        assertThat(report.summary()).contains("7 malformed rows skipped").contains("line 3:");
    }

    @Test
    void shouldReadColumnsByNameWhenHeaderReordersThem() {
        String csv = "volume,close,low,high,open,open_time\n3,100,99,101,100.5,2023-03-01 00:00:00+00:00\n";

        List<Bar> bars = readAll(CandleCsvReader.of(new StringReader(csv), "x", BTC, Timeframe.ONE_MINUTE));

        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.open()).isEqualByComparingTo("100.5");
            assertThat(bar.volume()).isEqualByComparingTo("3");
        });
    }

    @Test
    void shouldFailClearlyWhenHeaderLacksAColumn() {
        String csv = "open_time,open,high,low,close\n";

        assertThatThrownBy(() -> readAll(CandleCsvReader.of(new StringReader(csv), "x.csv", BTC, Timeframe.ONE_MINUTE)))
                .hasMessageContaining("header lacks column 'volume'");
    }

    @Test
    void shouldReadAllCandlesWithoutSkipsWhenFileIsTheBundledDataset() throws Exception {
        Path file = BundledDataset.require();

        try (CandleCsvReader reader = CandleCsvReader.open(file, BundledDataset.SYMBOL, Timeframe.ONE_MINUTE)) {
            List<Bar> bars = readAll(reader);

            assertThat(bars).hasSize(BundledDataset.CANDLES);
            assertThat(reader.report().skipped()).isZero();
            assertThat(bars.getFirst().openTime()).isEqualTo(Instant.parse("2023-03-01T00:00:00Z"));
            assertThat(bars.getLast().openTime()).isEqualTo(Instant.parse("2023-03-21T23:59:00Z"));
        }
    }
}
