package io.agenthub.ingest.feed;

import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A feed sink that keeps everything in arrival order, for assertions. */
public class CollectingSink implements FeedSink {

    public sealed interface Item permits TickItem, WatermarkItem {
    }

    public record TickItem(MarketTick tick) implements Item {
    }

    public record WatermarkItem(Symbol symbol, Instant watermark) implements Item {
    }

    private final List<Item> items = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onTick(MarketTick tick) {
        items.add(new TickItem(tick));
    }

    @Override
    public void onWatermark(Symbol symbol, Instant watermark) {
        items.add(new WatermarkItem(symbol, watermark));
    }

    public List<Item> items() {
        synchronized (items) {
            return List.copyOf(items);
        }
    }

    public List<MarketTick> ticks() {
        return items().stream().filter(TickItem.class::isInstance).map(i -> ((TickItem) i).tick()).toList();
    }

    public List<Instant> watermarks() {
        return items().stream().filter(WatermarkItem.class::isInstance).map(i -> ((WatermarkItem) i).watermark()).toList();
    }
}
