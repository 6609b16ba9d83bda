package io.agenthub.ingest.feed.hashkey;

import io.agenthub.ingest.feed.hashkey.parse.VenueCandle;
import io.agenthub.ingest.feed.hashkey.ws.WsEvent;

import java.util.List;

/** Everything that reaches the feed's thread from elsewhere: socket events, REST answers, and the request to stop. */
sealed interface FeedEvent {

    record Socket(WsEvent event) implements FeedEvent {
    }

    record KlinesFetched(KlineRequest request, List<VenueCandle> candles) implements FeedEvent {
    }

    record KlinesFailed(KlineRequest request, Exception error) implements FeedEvent {
    }

    /** The venue's clock minus ours, from {@code GET /api/v1/time}. */
    record ServerTimeFetched(long offsetMillis) implements FeedEvent {
    }

    record ServerTimeFailed(Exception error) implements FeedEvent {
    }

    /** Wakes the loop up so that it sees it was closed. */
    record Stop() implements FeedEvent {
    }
}
