package io.agenthub.ingest.publish;

import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.MarketWatermark;
import io.agenthub.schemas.events.Tick;
import io.agenthub.schemas.events.TickKind;

import java.time.Instant;

/** Domain market data onto the wire. */
public final class MarketEvents {

    private MarketEvents() {
    }

    public static Tick toTick(MarketTick tick, String source, Instant receivedTime) {
        return Tick.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(tick.time())
                .setCausationId(null)
                .setSymbol(tick.symbol().toString())
                .setSource(source)
                .setTradeId(tick.tradeId())
                .setPrice(Decimals.toWire(tick.price()))
                .setSize(Decimals.toWire(tick.size()))
                .setBid(Decimals.toWire(tick.bid()))
                .setAsk(Decimals.toWire(tick.ask()))
                .setTakerSide(null)
                .setReceivedTime(Events.truncate(receivedTime))
                .setKind(TickKind.valueOf(tick.kind().name()))
                .build();
    }

    public static MarketWatermark toWatermark(Symbol symbol, Instant watermark, String source, Instant now) {
        return MarketWatermark.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Events.truncate(now))
                .setCausationId(null)
                .setSymbol(symbol.toString())
                .setSource(source)
                .setWatermark(Events.truncate(watermark))
                .build();
    }
}
