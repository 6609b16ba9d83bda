package io.agenthub.core.market.csv;

import java.util.List;

/**
 * What reading a candle file produced.
 *
 * @param rows         data rows seen (header and blank lines excluded)
 * @param candles      rows turned into candles
 * @param skipped      rows skipped as malformed
 * @param firstSkipped the first {@value CandleCsvReader#MAX_REPORTED_SKIPS} skipped rows with line number and reason
 */
public record CandleCsvReport(String source, long rows, long candles, long skipped, List<SkippedRow> firstSkipped) {

    public CandleCsvReport {
        firstSkipped = List.copyOf(firstSkipped);
    }

    public String summary() {
        StringBuilder sb = new StringBuilder()
                .append(source).append(": ").append(candles).append(" candles from ").append(rows).append(" rows");
        if (skipped > 0) {
            sb.append(", ").append(skipped).append(" malformed rows skipped");
            for (SkippedRow row : firstSkipped) {
                sb.append(System.lineSeparator()).append("  line ").append(row.lineNumber()).append(": ").append(row.reason());
            }
            if (skipped > firstSkipped.size()) {
                sb.append(System.lineSeparator()).append("  ... and ").append(skipped - firstSkipped.size()).append(" more");
            }
        }
        return sb.toString();
    }
}
