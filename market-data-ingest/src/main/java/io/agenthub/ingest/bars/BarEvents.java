package io.agenthub.ingest.bars;

import io.agenthub.core.market.BarAccumulator;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.Bar;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Bars onto the wire. */
final class BarEvents {

    private BarEvents() {
    }

    /** The wire bar; its event id is derived from symbol, timeframe and open time, so a replayed bar keeps its id. */
    static Bar toEvent(BarAccumulator bar) {
        String identity = bar.symbol() + "|" + bar.timeframe().label() + "|" + bar.openTime().toEpochMilli();
        return Bar.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
                .setEventTime(bar.closeTime())
                .setCausationId(null)
                .setSymbol(bar.symbol().toString())
                .setTimeframe(bar.timeframe().label())
                .setOpenTime(bar.openTime())
                .setCloseTime(bar.closeTime())
                .setOpen(Decimals.toWire(bar.open()))
                .setHigh(Decimals.toWire(bar.high()))
                .setLow(Decimals.toWire(bar.low()))
                .setClose(Decimals.toWire(bar.close()))
                .setVolume(Decimals.toWire(bar.volume()))
                .setTickCount(bar.tickCount())
                .build();
    }
}
