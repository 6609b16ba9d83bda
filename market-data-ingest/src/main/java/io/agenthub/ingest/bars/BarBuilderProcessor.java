package io.agenthub.ingest.bars;

import io.agenthub.core.market.BarAccumulator;
import io.agenthub.core.market.BarBuilder;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Watermark;
import io.agenthub.core.market.Symbol;
import io.agenthub.ingest.bars.state.BarBuilderState;
import io.agenthub.schemas.events.Bar;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.function.Function;

/**
 * Thin processor around {@link BarBuilder}: load the symbol's state, apply the tick or watermark, store, forward the
 * bars that closed to the sink of their timeframe ({@link BarTopology#sinkName}).
 *
 * <p>A tick whose trade id was already seen for its symbol (a feed restarted and sent it again) is dropped and counted
 * ({@code duplicate-ticks}), so a bar never counts a trade twice. Trade ids are remembered for as long as a bar can
 * stay open ({@link BarTopology#dedupRetention}).
 */
final class BarBuilderProcessor implements Processor<Object, Object, String, Bar> {

    private static final int PURGE_EVERY = 1_000;

    private final BarBuilder builder;
    private ProcessorContext<String, Bar> context;
    private KeyValueStore<String, BarBuilderState> store;
    private KeyValueStore<String, Long> seenTrades;
    private Duration dedupRetention;
    private Sensor lateTicks;
    private Sensor duplicateTicks;
    private int sinceLastPurge;

    BarBuilderProcessor(BarBuilder builder, Duration dedupRetention) {
        this.builder = builder;
        this.dedupRetention = dedupRetention;
    }

    @Override
    public void init(ProcessorContext<String, Bar> context) {
        this.context = context;
        this.store = context.getStateStore(BarTopology.STATE_STORE);
        this.seenTrades = context.getStateStore(BarTopology.SEEN_TRADES_STORE);
        this.lateTicks = context.metrics().addRateTotalSensor("agenthub-bars", context.taskId().toString(),
                "late-ticks", Sensor.RecordingLevel.INFO);
        this.duplicateTicks = context.metrics().addRateTotalSensor("agenthub-bars", context.taskId().toString(),
                "duplicate-ticks", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<Object, Object> record) {
        switch (record.value()) {
            case MarketTick tick -> {
                if (firstSighting(tick)) {
                    apply(tick.symbol(), record.timestamp(), state -> builder.onTick(state, tick));
                } else {
                    duplicateTicks.record();
                }
            }
            case Watermark watermark -> apply(watermark.symbol(), record.timestamp(), state -> builder.onWatermark(state, watermark.time()));
            default -> throw new IllegalStateException("unexpected input " + record.value().getClass().getName());
        }
    }

    /**
     * Trade ids are kept under {@code symbol|time|id} (time zero-padded, so keys sort by time): a resent trade has the
     * same time and id, so one lookup finds it, and everything older than the retention is one range to delete.
     */
    private boolean firstSighting(MarketTick tick) {
        String key = seenKey(tick.symbol(), tick.time().toEpochMilli()) + tick.tradeId();
        if (seenTrades.get(key) != null) {
            return false;
        }
        seenTrades.put(key, tick.time().toEpochMilli());
        if (++sinceLastPurge >= PURGE_EVERY) {
            purgeSeen(tick.symbol(), tick.time());
        }
        return true;
    }

    private void purgeSeen(Symbol symbol, Instant latest) {
        sinceLastPurge = 0;
        long cutoff = latest.minus(dedupRetention).toEpochMilli();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> old = seenTrades.range(seenKey(symbol, 0), seenKey(symbol, Math.max(0, cutoff)))) {
            old.forEachRemaining(entry -> expired.add(entry.key));
        }
        expired.forEach(seenTrades::delete);
    }

    private static String seenKey(Symbol symbol, long millis) {
        return symbol + "|" + String.format("%015d", millis) + "|";
    }

    /** Closed bars carry the record timestamp of the input that closed them (ingest time, like their inputs). */
    private void apply(Symbol symbol, long timestamp, Function<BarBuilder.State, BarBuilder.Step> step) {
        String key = symbol.toString();
        BarBuilderState stored = store.get(key);
        BarBuilder.State state = stored == null ? BarBuilder.State.empty(symbol) : BarStateCodec.fromRecord(symbol, stored);
        BarBuilder.Step result = step.apply(state);
        store.put(key, BarStateCodec.toRecord(result.state()));
        for (int i = 0; i < result.lateDrops(); i++) {
            lateTicks.record();
        }
        for (BarAccumulator bar : result.closed()) {
            Bar event = BarEvents.toEvent(bar);
            context.forward(new Record<>(key, event, timestamp), BarTopology.sinkName(bar.timeframe()));
        }
    }
}
