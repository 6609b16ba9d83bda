package io.agenthub.ingest.feed.hashkey.parse;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Parses text frames of HashKey's public WebSocket v1 into {@link WsMessage}s. Anything else (not JSON, not an object,
 * a push without data, an unknown topic, a bad number, an impossible trade or candle) is a
 * {@link MalformedPayloadException} that says what was wrong.
 *
 * <p>Shapes, from HashKey Global's API reference and the public CCXT and Hummingbot connectors:
 * <ul>
 *   <li>keep-alive {@code {"pong":<ms>}} (and {@code {"ping":<ms>}} should the venue ask);</li>
 *   <li>subscription echo {@code {"symbol","topic","event":"sub","params",...}} without {@code data};</li>
 *   <li>trades {@code {"symbol","topic":"trade","data":[{"v","t","p","q","m"}],"f","sendTime"}};</li>
 *   <li>klines {@code {"symbol","topic":"kline","params":{"klineType":"1m"},"data":[{"t","s","sn","c","h","l","o","v"}],...}}
 *       (the topic is subscribed as {@code kline_1m}; a push naming it {@code kline_1m} is read the same way);</li>
 *   <li>errors {@code {"code","msg"}} (or {@code "desc"}) without data.</li>
 * </ul>
 */
public final class WsMessageParser {

    private static final String FRAME = "frame";

    private WsMessageParser() {
    }

    public static WsMessage parse(String text) throws MalformedPayloadException {
        JsonNode root = Json.read(text, FRAME);
        if (!root.isObject()) {
            throw new MalformedPayloadException("frame should be a JSON object, got " + root.getNodeType());
        }
        if (root.has("pong")) {
            return new WsMessage.Pong(Json.epochMillis(root, "pong", "pong"));
        }
        if (root.has("ping")) {
            return new WsMessage.ServerPing(Json.epochMillis(root, "ping", "ping"));
        }
        boolean hasData = root.has("data") && !root.get("data").isNull();
        boolean success = "success".equalsIgnoreCase(text(root, "msg"));
        if (!hasData && root.has("code") && !success) {
            return error(root);
        }
        if (!hasData && ("sub".equals(text(root, "event")) || success)) {
            return new WsMessage.SubscriptionAck(text(root, "symbol"), text(root, "topic"),
                    Json.optionalEpochMillis(root, "sendTime", "subscription echo"));
        }
        String topic = Json.string(root, "topic", FRAME);
        if (!hasData) {
            throw new MalformedPayloadException("'" + topic + "' push has no 'data' array");
        }
        if (topic.equals("trade")) {
            return tradePush(root);
        }
        if (topic.equals("kline") || topic.startsWith("kline_")) {
            return klinePush(root, topic);
        }
        throw new MalformedPayloadException("unexpected topic '" + topic + "'; this feed subscribes to trade and kline_1m only");
    }

    private static WsMessage.VenueError error(JsonNode root) {
        String message = text(root, "msg");
        return new WsMessage.VenueError(root.get("code").asString(), message != null ? message : text(root, "desc"));
    }

    private static WsMessage.TradePush tradePush(JsonNode root) throws MalformedPayloadException {
        String symbol = Json.string(root, "symbol", "trade push");
        List<VenueTrade> trades = new ArrayList<>();
        for (JsonNode item : dataArray(root, "trade push")) {
            String where = "trade of " + symbol;
            if (!item.isObject()) {
                throw new MalformedPayloadException(where + " should be an object {v,t,p,q,m}, got " + item);
            }
            String id = Json.identifier(item, "v", where);
            try {
                trades.add(new VenueTrade(id, Json.epochMillis(item, "t", where), Json.decimal(item, "p", where),
                        Json.decimal(item, "q", where), Json.optionalBoolean(item, "m", false, where)));
            } catch (IllegalArgumentException e) {
                throw new MalformedPayloadException(where + " " + id + " is impossible: " + e.getMessage());
            }
        }
        trades.sort(Comparator.comparingLong(VenueTrade::time));
        return new WsMessage.TradePush(symbol, Json.optionalBoolean(root, "f", false, "trade push"),
                Json.optionalEpochMillis(root, "sendTime", "trade push"), trades);
    }

    private static WsMessage.KlinePush klinePush(JsonNode root, String topic) throws MalformedPayloadException {
        String symbol = Json.string(root, "symbol", "kline push");
        String interval = topic.startsWith("kline_") ? topic.substring("kline_".length()) : klineType(root);
        List<VenueCandle> candles = new ArrayList<>();
        for (JsonNode item : dataArray(root, "kline push")) {
            String where = "kline of " + symbol;
            if (!item.isObject()) {
                throw new MalformedPayloadException(where + " should be an object {t,s,sn,c,h,l,o,v}, got " + item);
            }
            try {
                candles.add(new VenueCandle(Json.epochMillis(item, "t", where), Json.decimal(item, "o", where),
                        Json.decimal(item, "h", where), Json.decimal(item, "l", where), Json.decimal(item, "c", where),
                        Json.decimal(item, "v", where)));
            } catch (IllegalArgumentException e) {
                throw new MalformedPayloadException(where + " is impossible: " + e.getMessage());
            }
        }
        return new WsMessage.KlinePush(symbol, interval, Json.optionalEpochMillis(root, "sendTime", "kline push"), candles);
    }

    private static String klineType(JsonNode root) throws MalformedPayloadException {
        JsonNode params = root.get("params");
        if (params == null || !params.isObject()) {
            throw new MalformedPayloadException("kline push has no 'params' object naming its klineType");
        }
        return Json.string(params, "klineType", "kline push params");
    }

    private static JsonNode dataArray(JsonNode root, String where) throws MalformedPayloadException {
        JsonNode data = root.get("data");
        if (!data.isArray()) {
            throw new MalformedPayloadException(where + " 'data' should be an array, got " + data.getNodeType());
        }
        return data;
    }

    private static String text(JsonNode root, String name) {
        JsonNode value = root.get(name);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
