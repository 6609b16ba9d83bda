package io.agenthub.api;

import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestResult;
import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.Bar;
import io.agenthub.testkit.api.HubApiClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Candles (stored by the pipeline, or the bundled dataset) and backtests through the API. */
class MarketIT extends ApiIntegrationTest {


    @Test
    void shouldServeBundledCandlesAggregatedWhenNoneAreStored() {
        BundledDataset.require();
        HubApiClient.Response r = api.client().get(
                "/api/market/candles?symbol=BTCUSDT&timeframe=1h&from=2023-03-05T00:00:00Z&to=2023-03-06T00:00:00Z&limit=100");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.field("source")).isEqualTo("bundled");
        JsonNode candles = r.json().path("candles");
        assertThat(candles).hasSize(24);
        assertThat(candles.get(0).path("open_time").asString()).isEqualTo("2023-03-05T00:00:00Z");
        for (JsonNode c : candles) {
            assertThat(c.path("high").decimalValue()).isGreaterThanOrEqualTo(c.path("low").decimalValue());
            assertThat(c.path("high").decimalValue()).isGreaterThanOrEqualTo(c.path("open").decimalValue());
        }
        assertThat(api.client().get("/api/market/candles?symbol=BTC/USDT&timeframe=7m").status()).isEqualTo(400);
        assertThat(api.client().get("/api/market/candles?symbol=ETH/USDT&source=bundled").status()).isEqualTo(400);
        assertThat(api.client().get("/api/market/candles?symbol=BTC/USDT&limit=0").status()).isEqualTo(400);
    }

    @Test
    void shouldAggregateStoredOneMinuteBarsWhenThePipelineBuiltThem() throws Exception {
        // a symbol no feed of the test API carries (RunningApi publishes fresh bars of the others)
        Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
        try (KafkaProducer<String, Bar> producer = cluster.producer(cluster.topics().marketBars(Timeframe.ONE_MINUTE))) {
            for (int i = 0; i < 10; i++) {
                BigDecimal open = BigDecimal.valueOf(100 + i);
                producer.send(new ProducerRecord<>(cluster.topics().marketBars(Timeframe.ONE_MINUTE).name(), "LINK/USDT", Bar.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setEventTime(t0.plusSeconds(60L * i + 60)).setCausationId(null)
                        .setSymbol("LINK/USDT").setTimeframe("1m").setOpenTime(t0.plusSeconds(60L * i)).setCloseTime(t0.plusSeconds(60L * i + 60))
                        .setOpen(Decimals.toWire(open)).setHigh(Decimals.toWire(open.add(BigDecimal.valueOf(2))))
                        .setLow(Decimals.toWire(open.subtract(BigDecimal.ONE))).setClose(Decimals.toWire(open.add(BigDecimal.ONE)))
                        .setVolume(Decimals.toWire(BigDecimal.ONE)).setTickCount(4).build())).get();
            }
        }
        HubApiClient client = api.client();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                client.get("/api/market/candles?symbol=LINK/USDT&timeframe=1m").json().path("candles").size() == 10);

        JsonNode fiveMinutes = client.get("/api/market/candles?symbol=LINK/USDT&timeframe=5m").json();
        assertThat(fiveMinutes.path("source").asString()).isEqualTo("stored");
        JsonNode first = fiveMinutes.path("candles").get(0);
        assertThat(fiveMinutes.path("candles")).hasSize(2);
        assertThat(first.path("open").decimalValue()).isEqualByComparingTo("100");
        assertThat(first.path("high").decimalValue()).isEqualByComparingTo("106");
        assertThat(first.path("low").decimalValue()).isEqualByComparingTo("99");
        assertThat(first.path("close").decimalValue()).isEqualByComparingTo("105");
        assertThat(first.path("volume").decimalValue()).isEqualByComparingTo("5");
    }

    @Test
    void shouldReturnWhatTheBacktestEngineComputesWhenABacktestIsPosted() throws Exception {
        HubApiClient quant = api.client().register("quant");
        assertThat(api.client().post("/api/backtests", Map.of("strategy_name", "rsi_signal")).status()).as("needs an account").isEqualTo(401);
        HubApiClient.Response r = quant.post("/api/backtests", Map.of(
                "strategy_name", "ema_crossover", "strategy_params", Map.of("fast", 8, "lookback", 30),
                "timeframe", "15m", "from", "2023-03-05T00:00:00Z", "to", "2023-03-15T00:00:00Z",
                "risk_params", Map.of("max_position_usd", 1000, "stop_loss_pct", 2, "take_profit_pct", 4, "leverage", 1)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);

        StrategyDefinition ema = StrategyCatalog.builtIn().require("ema_crossover");
        BarSeries series = BarSeries.fromCsv(BundledDataset.require(), BundledDataset.SYMBOL)
                .slice(Instant.parse("2023-03-05T00:00:00Z").toEpochMilli(), Instant.parse("2023-03-15T00:00:00Z").toEpochMilli())
                .aggregate(Timeframe.parse("15m"));
        BacktestResult expected = Backtest.run(new BacktestSpec(Instruments.defaults().resolve("BTC/USDT"), ema,
                StrategyParameters.of(ema, Map.of("fast", 8.0, "lookback", 30.0)), RiskSettings.defaults(),
                new ExecutionCosts(new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("2")), 0.5, new BigDecimal("10000")), series);

        assertThat(r.json().path("bars").asInt()).isEqualTo(series.size());
        assertThat(r.json().path("trades")).hasSize(expected.trades().size());
        assertThat(r.json().path("statistics").path("trades").asInt()).isEqualTo(expected.statistics().trades());
        assertThat(r.json().path("statistics").path("net_pnl").decimalValue()).isEqualByComparingTo(expected.statistics().netPnl());
        assertThat(r.json().path("equity").size()).isBetween(1, 1001);

        HubApiClient.Response none = quant.post("/api/backtests", Map.of("strategy_name", "funding_oi_filter"));
        assertThat(none.status()).as(none.toString()).isEqualTo(200);
        assertThat(none.json().path("statistics").path("trades").asInt()).as("no funding data: no trade").isZero();
        assertThat(none.json().path("statistics").path("win_rate").isNull()).as("a rate of nothing is null, not \"NaN\"").isTrue();
        assertThat(none.json().path("statistics").path("profit_factor").isNull()).isTrue();
        assertThat(none.text()).doesNotContain("NaN", "Infinity");

        assertThat(quant.post("/api/backtests", Map.of("strategy_name", "moon")).status()).isEqualTo(400);
        assertThat(quant.post("/api/backtests", Map.of("strategy_name", "rsi_signal", "from", "2020-01-01T00:00:00Z",
                "to", "2020-02-01T00:00:00Z")).json().path("errors").get(0).path("field").asString()).isEqualTo("from");
    }
}
