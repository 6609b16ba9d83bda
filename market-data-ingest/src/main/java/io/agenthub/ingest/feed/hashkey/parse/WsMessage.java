package io.agenthub.ingest.feed.hashkey.parse;

import java.util.List;
import java.util.Objects;

/**
 * A text frame of HashKey's public WebSocket v1 ({@code /quote/ws/v1}), parsed and validated by {@link WsMessageParser}.
 * Pushes look like {@code {"symbol","symbolName","topic","params","data":[...],"f","sendTime","shared"}}.
 */
public sealed interface WsMessage {

    /** The answer to our keep-alive {@code {"ping":<ms>}}. */
    record Pong(long time) implements WsMessage {
    }

    /** A keep-alive initiated by the venue; answered with {@code {"pong":<same>}}. */
    record ServerPing(long time) implements WsMessage {
    }

    /**
     * The venue's echo of a subscription ({@code "event":"sub"} without data).
     *
     * @param symbol   venue symbol, or {@code null} when the echo does not name one
     * @param topic    the subscribed topic as echoed, or {@code null}
     * @param sendTime the venue's clock when it sent the echo, or {@code null}
     */
    record SubscriptionAck(String symbol, String topic, Long sendTime) implements WsMessage {
    }

    /**
     * Trades of one symbol.
     *
     * @param snapshot {@code true} for the first push after subscribing ({@code "f":true}): recent trades, some of
     *                 which may have been pushed before
     * @param sendTime the venue's clock when it sent the push, or {@code null}
     */
    record TradePush(String symbol, boolean snapshot, Long sendTime, List<VenueTrade> trades) implements WsMessage {
        public TradePush {
            Objects.requireNonNull(symbol, "symbol");
            trades = List.copyOf(trades);
        }
    }

    /** The venue's current (still changing) candle of one symbol and interval. */
    record KlinePush(String symbol, String interval, Long sendTime, List<VenueCandle> candles) implements WsMessage {
        public KlinePush {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(interval, "interval");
            candles = List.copyOf(candles);
        }
    }

    /** An error the venue reports on the socket, such as a rejected subscription: {@code {"code","msg"}}. */
    record VenueError(String code, String message) implements WsMessage {
    }
}
