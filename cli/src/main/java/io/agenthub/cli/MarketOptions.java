package io.agenthub.cli;

import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Which candles to run on. */
final class MarketOptions {

    @Option(names = "--data", paramLabel = "FILE", description = "CSV of 1-minute candles (open_time,open,high,low,close,volume); default: the bundled BTC/USDT dataset")
    Path data;

    @Option(names = "--symbol", defaultValue = "BTC/USDT", description = "symbol of the candles (default ${DEFAULT-VALUE}); with "
            + "--data any BASE/QUOTE, its price decimals read from the file when the hub does not list it")
    String symbol;

    @Option(names = "--timeframe", defaultValue = "1m", description = "bar length the strategy sees: 1m, 5m, 15m, 1h, ... (default ${DEFAULT-VALUE})")
    String timeframe;

    @Option(names = "--from", paramLabel = "DATE", description = "first bar (2023-03-05 or 2023-03-05T12:00:00Z)")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "end, exclusive (same formats)")
    String to;

    private Instrument instrument;

    /**
     * The instrument of the candles: the hub's own for a symbol it lists; for another symbol in the user's own file, one
     * with as many price decimals as the file writes and sizes to 8 decimals (a symbol the hub does not list needs
     * {@code --data}).
     */
    Instrument instrument() throws IOException {
        if (instrument == null) {
            Symbol parsed = Symbol.parse(symbol);
            Instruments listed = Instruments.defaults();
            instrument = listed.supports(parsed) || data == null ? listed.resolve(parsed) : fromFile(parsed, readable(data));
        }
        return instrument;
    }

    private static Instrument fromFile(Symbol symbol, Path file) throws IOException {
        int priceScale = 0;
        for (Bar bar : CandleCsvReader.readAll(file, symbol, Timeframe.ONE_MINUTE)) {
            for (BigDecimal price : List.of(bar.open(), bar.high(), bar.low(), bar.close())) {
                priceScale = Math.max(priceScale, decimals(price));
            }
        }
        return new Instrument(symbol, Math.min(priceScale, 8), 8);
    }

    private static int decimals(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    private static Path readable(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        return file;
    }

    BarSeries load() throws IOException {
        Path file = readable(data != null ? data : BundledDataset.require());
        Timeframe tf = Timeframe.parse(timeframe);
        BarSeries series = BarSeries.fromCsv(file, instrument().symbol());
        if (from != null || to != null) {
            long start = from == null ? Long.MIN_VALUE : instant(from, "--from").toEpochMilli();
            long end = to == null ? Long.MAX_VALUE : instant(to, "--to").toEpochMilli();
            if (end <= start) {
                throw new IllegalArgumentException("--to must come after --from");
            }
            series = series.slice(start, end);
        }
        return series.aggregate(tf);
    }

    private static Instant instant(String text, String option) {
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a date (2023-03-05) or instant (2023-03-05T12:00:00Z)");
        }
    }
}
