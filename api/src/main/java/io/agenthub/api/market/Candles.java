package io.agenthub.api.market;

import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.schemas.Decimals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Candles for charts and backtests: the ones the pipeline built ({@code stored}, one-minute bars aggregated on read)
 * and the bundled real BTC/USDT dataset ({@code bundled}, loaded once).
 */
@Component
public class Candles {

    public record Candle(Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {
    }

    private final JdbcClient jdbc;
    private volatile BarSeries bundled;

    public Candles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest {@code limit} stored candles in {@code [from, to)}, oldest first. */
    public List<Candle> stored(Symbol symbol, Timeframe timeframe, Instant from, Instant to, int limit) {
        String bucket = timeframe.millis() / 1000 + " seconds";
        return jdbc.sql("""
                        SELECT * FROM (
                          SELECT date_bin(?::interval, open_time, TIMESTAMPTZ 'epoch') AS bucket,
                                 (array_agg(open ORDER BY open_time))[1] AS open, max(high) AS high, min(low) AS low,
                                 (array_agg(close ORDER BY open_time DESC))[1] AS close, sum(volume) AS volume
                          FROM candles WHERE symbol = ? AND open_time >= ? AND open_time < ?
                          GROUP BY bucket ORDER BY bucket DESC LIMIT ?) newest
                        ORDER BY bucket""")
                .params(bucket, symbol.toString(), Timestamp.from(from), Timestamp.from(to), limit)
                .query((rs, n) -> new Candle(rs.getObject(1, OffsetDateTime.class).toInstant(), Decimals.fromWire(rs.getBigDecimal(2)),
                        Decimals.fromWire(rs.getBigDecimal(3)), Decimals.fromWire(rs.getBigDecimal(4)), Decimals.fromWire(rs.getBigDecimal(5)), Decimals.fromWire(rs.getBigDecimal(6))))
                .list();
    }

    /** The symbols whose last one-minute bar reached the API within {@code freshness}: those a running feed carries. */
    public List<String> carried(java.time.Duration freshness) {
        return jdbc.sql("SELECT DISTINCT symbol FROM candles WHERE received_at > now() - make_interval(secs => ?) ORDER BY symbol")
                .param((double) freshness.toSeconds())
                .query(String.class).list();
    }

    /** Whether the pipeline built any one-minute candle of the symbol in {@code [from, to)}. */
    public boolean hasStored(Symbol symbol, Instant from, Instant to) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM candles WHERE symbol = ? AND open_time >= ? AND open_time < ?)")
                .params(symbol.toString(), Timestamp.from(from), Timestamp.from(to)).query(Boolean.class).single();
    }

    /** The bundled dataset (BTC/USDT, one-minute, March 2023), if it is on this machine. */
    public Optional<BarSeries> bundled() {
        BarSeries series = bundled;
        if (series == null) {
            Optional<Path> file = BundledDataset.find();
            if (file.isEmpty()) {
                return Optional.empty();
            }
            try {
                series = BarSeries.fromCsv(file.get(), BundledDataset.SYMBOL);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled dataset " + file.get(), e);
            }
            bundled = series;
        }
        return Optional.of(series);
    }

    /** Bundled candles in {@code [from, to)} at {@code timeframe}, the newest {@code limit}, oldest first. */
    public List<Candle> bundled(Timeframe timeframe, Instant from, Instant to, int limit) {
        BarSeries series;
        try {
            series = bundled().orElseThrow().slice(from.toEpochMilli(), to.toEpochMilli()).aggregate(timeframe);
        } catch (IllegalArgumentException e) {
            return List.of(); // no bars in the window
        }
        List<Candle> candles = new ArrayList<>();
        for (int i = Math.max(0, series.size() - limit); i < series.size(); i++) {
            candles.add(new Candle(Instant.ofEpochMilli(series.openTime(i)), decimal(series.open(i)), decimal(series.high(i)),
                    decimal(series.low(i)), decimal(series.close(i)), decimal(series.volume(i))));
        }
        return candles;
    }

    private static BigDecimal decimal(double value) {
        return Decimals.fromWire(BigDecimal.valueOf(value));
    }
}
