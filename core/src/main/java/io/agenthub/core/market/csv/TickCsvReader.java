package io.agenthub.core.market.csv;

import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Trades from a CSV of {@code time,price,size} rows (time in epoch milliseconds or ISO-8601; an optional header line;
 * size may be omitted). A row that does not parse is skipped and reported with its line number, never guessed at.
 */
public final class TickCsvReader {

    private static final int REPORTED = 10;

    private TickCsvReader() {
    }

    /** The ticks of a file, and what was skipped. */
    public record Ticks(List<MarketTick> ticks, long skipped, List<SkippedRow> firstSkipped) {
        public String summary() {
            return ticks.size() + " ticks" + (skipped == 0 ? "" : ", " + skipped + " rows skipped (first: " + firstSkipped + ")");
        }
    }

    public static Ticks readAll(Path file, Symbol symbol) throws IOException {
        List<MarketTick> ticks = new ArrayList<>();
        List<SkippedRow> firstSkipped = new ArrayList<>();
        long skipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || (number == 1 && !Character.isDigit(text.charAt(0)))) {
                    continue;
                }
                try {
                    ticks.add(parse(text, symbol, number));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    skipped++;
                    if (firstSkipped.size() < REPORTED) {
                        firstSkipped.add(new SkippedRow(number, e.getMessage()));
                    }
                }
            }
        }
        return new Ticks(List.copyOf(ticks), skipped, List.copyOf(firstSkipped));
    }

    static MarketTick parse(String line, Symbol symbol, long number) {
        String[] cells = line.split(",", -1);
        if (cells.length < 2 || cells.length > 3) {
            throw new IllegalArgumentException("expected time,price[,size], got " + cells.length + " columns");
        }
        String time = cells[0].strip();
        Instant at = time.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(time)) : Instant.parse(time);
        BigDecimal price = new BigDecimal(cells[1].strip());
        BigDecimal size = cells.length == 3 && !cells[2].isBlank() ? new BigDecimal(cells[2].strip()) : BigDecimal.ZERO;
        return MarketTick.trade(symbol, at, price, size, "csv-" + number);
    }
}
