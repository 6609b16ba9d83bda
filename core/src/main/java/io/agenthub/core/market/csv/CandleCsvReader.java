package io.agenthub.core.market.csv;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Streams candles from a CSV file in the bundled dataset's format ({@code open_time,open,high,low,close,volume},
 * header optional, columns in any order when a header names them).
 *
 * <p>Malformed rows never stop the read: a row with the wrong number of columns, a value that does not parse, an
 * impossible candle (high below low, negative volume, misaligned open time) or a time that does not move forward is
 * skipped, counted, and reported with its line number in {@link #report()}.
 *
 * <p>{@code open_time} may be {@code 2023-03-01 00:00:00+00:00}, ISO-8601 ({@code 2023-03-01T00:00:00Z}) or epoch
 * milliseconds.
 */
public final class CandleCsvReader implements Iterator<Bar>, AutoCloseable {

    static final int MAX_REPORTED_SKIPS = 50;
    private static final List<String> COLUMNS = List.of("open_time", "open", "high", "low", "close", "volume");
    private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT);

    private final BufferedReader reader;
    private final String source;
    private final Symbol symbol;
    private final Timeframe timeframe;
    private final List<SkippedRow> firstSkipped = new ArrayList<>();
    private int[] columnIndex = {0, 1, 2, 3, 4, 5};
    private long lineNumber;
    private long rows;
    private long candles;
    private long skipped;
    private Instant previousOpenTime;
    private Bar next;
    private boolean started;

    private CandleCsvReader(Reader reader, String source, Symbol symbol, Timeframe timeframe) {
        this.reader = new BufferedReader(reader, 1 << 16);
        this.source = source;
        this.symbol = symbol;
        this.timeframe = timeframe;
    }

    public static CandleCsvReader open(Path file, Symbol symbol, Timeframe timeframe) throws IOException {
        return new CandleCsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString(), symbol, timeframe);
    }

    public static CandleCsvReader of(Reader reader, String source, Symbol symbol, Timeframe timeframe) {
        return new CandleCsvReader(reader, source, symbol, timeframe);
    }

    /** Reads a whole file into memory; for tests and small files. */
    public static List<Bar> readAll(Path file, Symbol symbol, Timeframe timeframe) throws IOException {
        try (CandleCsvReader reader = open(file, symbol, timeframe)) {
            List<Bar> bars = new ArrayList<>();
            reader.forEachRemaining(bars::add);
            return bars;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readNext();
        }
        return next != null;
    }

    @Override
    public Bar next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Bar bar = next;
        next = null;
        return bar;
    }

    /** What has been read so far; complete once {@link #hasNext()} has returned false. */
    public CandleCsvReport report() {
        return new CandleCsvReport(source, rows, candles, skipped, firstSkipped);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private Bar readNext() {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (!started) {
                    started = true;
                    if (looksLikeHeader(line)) {
                        readHeader(line);
                        continue;
                    }
                }
                rows++;
                Bar bar = parse(line);
                if (bar != null) {
                    candles++;
                    previousOpenTime = bar.openTime();
                    return bar;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source + " at line " + lineNumber, e);
        }
    }

    private static boolean looksLikeHeader(String line) {
        return line.strip().toLowerCase(Locale.ROOT).startsWith("open_time") || line.contains("open_time");
    }

    private void readHeader(String line) {
        List<String> names = Arrays.stream(line.split(",", -1)).map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        int[] index = new int[COLUMNS.size()];
        for (int i = 0; i < COLUMNS.size(); i++) {
            index[i] = names.indexOf(COLUMNS.get(i));
            if (index[i] < 0) {
                throw new IllegalArgumentException(source + ": header lacks column '" + COLUMNS.get(i) + "'; expected " + COLUMNS);
            }
        }
        columnIndex = index;
    }

    private Bar parse(String line) {
        String[] cells = line.split(",", -1);
        int needed = Arrays.stream(columnIndex).max().orElse(0) + 1;
        if (cells.length < needed) {
            return skip("expected at least " + needed + " columns, found " + cells.length);
        }
        Instant openTime;
        try {
            openTime = parseTime(cells[columnIndex[0]].strip());
        } catch (DateTimeParseException | NumberFormatException e) {
            return skip("open_time '" + cells[columnIndex[0]].strip() + "' is not a time");
        }
        BigDecimal[] values = new BigDecimal[5];
        for (int i = 0; i < 5; i++) {
            String cell = cells[columnIndex[i + 1]].strip();
            try {
                values[i] = new BigDecimal(cell);
            } catch (NumberFormatException e) {
                return skip(COLUMNS.get(i + 1) + " '" + cell + "' is not a number");
            }
        }
        if (previousOpenTime != null && !openTime.isAfter(previousOpenTime)) {
            return skip("open_time " + openTime + " does not come after the previous candle's " + previousOpenTime);
        }
        try {
            return new Bar(symbol, timeframe, openTime, values[0], values[1], values[2], values[3], values[4]);
        } catch (IllegalArgumentException e) {
            return skip(e.getMessage());
        }
    }

    private static Instant parseTime(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        if (text.indexOf('T') > 0) {
            return OffsetDateTime.parse(text).toInstant();
        }
        return OffsetDateTime.parse(text, SPACE_SEPARATED).toInstant();
    }

    private Bar skip(String reason) {
        skipped++;
        if (firstSkipped.size() < MAX_REPORTED_SKIPS) {
            firstSkipped.add(new SkippedRow(lineNumber, reason));
        }
        return null;
    }
}
