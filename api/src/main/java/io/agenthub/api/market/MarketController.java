package io.agenthub.api.market;

import io.agenthub.api.web.InvalidRequestException;
import io.agenthub.api.web.PageCursor;
import io.agenthub.api.web.Params;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Candles for charts: what the pipeline built, or the bundled real dataset. */
@RestController
public class MarketController {

    static final Set<String> TIMEFRAMES = Set.of("1m", "5m", "15m", "30m", "1h", "4h", "1d");

    public record CandlesView(String symbol, String timeframe, String source, List<Candles.Candle> candles) {
    }

    private final Candles candles;
    private final Instruments instruments;

    public MarketController(Candles candles, Instruments instruments) {
        this.candles = candles;
        this.instruments = instruments;
    }

    /**
     * @param source {@code auto} (stored when the pipeline has built any for the symbol in the range, else bundled), {@code stored}
     *               or {@code bundled}
     */
    @GetMapping("/api/market/candles")
    CandlesView candles(@RequestParam String symbol,
                        @RequestParam(defaultValue = "1m") String timeframe,
                        @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to,
                        @RequestParam(defaultValue = "500") int limit,
                        @RequestParam(defaultValue = "auto") String source) {
        Symbol parsed;
        try {
            parsed = instruments.resolve(symbol).symbol();
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("symbol", e.getMessage());
        }
        if (!TIMEFRAMES.contains(timeframe)) {
            throw InvalidRequestException.of("timeframe", "must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d");
        }
        PageCursor.limit(limit, 5000);
        Timeframe tf = Timeframe.parse(timeframe);
        Instant start = Params.instant("from", from, Instant.EPOCH);
        Instant end = Params.instant("to", to, Instant.parse("9999-01-01T00:00:00Z"));
        String chosen = switch (source.toLowerCase(Locale.ROOT)) {
            case "auto" -> candles.hasStored(parsed, start, end) || !BundledDataset.SYMBOL.equals(parsed) ? "stored" : "bundled";
            case "stored", "bundled" -> source.toLowerCase(Locale.ROOT);
            default -> throw InvalidRequestException.of("source", "must be auto, stored or bundled");
        };
        if (chosen.equals("bundled")) {
            if (!BundledDataset.SYMBOL.equals(parsed)) {
                throw InvalidRequestException.of("symbol", "the bundled dataset is " + BundledDataset.SYMBOL + " only");
            }
            if (candles.bundled().isEmpty()) {
                throw InvalidRequestException.of("source", "the bundled dataset is not on this machine");
            }
            return new CandlesView(parsed.toString(), timeframe, chosen, candles.bundled(tf, start, end, limit));
        }
        return new CandlesView(parsed.toString(), timeframe, chosen, candles.stored(parsed, tf, start, end, limit));
    }
}
