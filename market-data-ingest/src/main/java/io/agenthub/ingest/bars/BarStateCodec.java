package io.agenthub.ingest.bars;

import io.agenthub.core.market.BarAccumulator;
import io.agenthub.core.market.BarBuilder;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.ingest.bars.state.BarBuilderState;
import io.agenthub.ingest.bars.state.OpenBar;
import io.agenthub.schemas.Decimals;

import java.time.Instant;
import java.util.List;

/** Maps the bar builder's domain state to and from its state-store record. */
final class BarStateCodec {

    private static final long NONE = Long.MIN_VALUE;

    private BarStateCodec() {
    }

    static BarBuilderState toRecord(BarBuilder.State state) {
        List<OpenBar> open = state.open().stream().map(BarStateCodec::toRecord).toList();
        return BarBuilderState.newBuilder()
                .setSymbol(state.symbol().toString())
                .setMaxEventTime(state.maxEventTime() == null ? NONE : state.maxEventTime().toEpochMilli())
                .setWatermark(state.watermark() == null ? NONE : state.watermark().toEpochMilli())
                .setOpenBars(open)
                .setLateTicks(state.lateDrops())
                .build();
    }

    static BarBuilder.State fromRecord(Symbol symbol, BarBuilderState record) {
        List<BarAccumulator> open = record.getOpenBars().stream().map(bar -> fromRecord(symbol, bar)).toList();
        return new BarBuilder.State(symbol, instant(record.getMaxEventTime()), instant(record.getWatermark()), open,
                record.getLateTicks());
    }

    private static OpenBar toRecord(BarAccumulator bar) {
        return OpenBar.newBuilder()
                .setTimeframeSeconds(bar.timeframe().length().toSeconds())
                .setOpenTime(bar.openTime().toEpochMilli())
                .setOpen(Decimals.toWire(bar.open()))
                .setOpenTickTime(bar.openTickTime().toEpochMilli())
                .setHigh(Decimals.toWire(bar.high()))
                .setLow(Decimals.toWire(bar.low()))
                .setClose(Decimals.toWire(bar.close()))
                .setCloseTickTime(bar.closeTickTime().toEpochMilli())
                .setVolume(Decimals.toWire(bar.volume()))
                .setTickCount(bar.tickCount())
                .build();
    }

    private static BarAccumulator fromRecord(Symbol symbol, OpenBar bar) {
        return new BarAccumulator(symbol, Timeframe.ofSeconds(bar.getTimeframeSeconds()), Instant.ofEpochMilli(bar.getOpenTime()),
                bar.getOpen(), Instant.ofEpochMilli(bar.getOpenTickTime()), bar.getHigh(), bar.getLow(),
                bar.getClose(), Instant.ofEpochMilli(bar.getCloseTickTime()), bar.getVolume(), bar.getTickCount());
    }

    private static Instant instant(long millis) {
        return millis == NONE ? null : Instant.ofEpochMilli(millis);
    }
}
