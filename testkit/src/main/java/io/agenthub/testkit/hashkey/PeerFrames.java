package io.agenthub.testkit.hashkey;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The JSON a HashKey venue writes, in the shapes of HashKey Global's public API reference (cross-checked with the
 * CCXT and Hummingbot connectors): WebSocket pushes and echoes, REST kline rows and error bodies.
 */
final class PeerFrames {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private PeerFrames() {
    }

    /** {@code {"symbol","symbolName","topic","event":"sub","params":{"binary":false,"realtimeInterval":"24h"},"f":true,"sendTime","shared":false,"id":"1"}}. */
    static String subscriptionEcho(String symbol, String topic, long sendTime) {
        ObjectNode frame = header(symbol, topic);
        frame.put("event", "sub");
        frame.putObject("params").put("binary", false).put("realtimeInterval", "24h");
        frame.put("f", true);
        frame.put("sendTime", sendTime);
        frame.put("shared", false);
        frame.put("id", "1");
        return write(frame);
    }

    /** {@code {"symbol","symbolName","topic":"trade","params","data":[{"v","t","p","q","m"}],"f","sendTime","shared"}}. */
    static String trades(String symbol, List<ScriptedTrade> trades, boolean first, long sendTime) {
        ObjectNode frame = header(symbol, "trade");
        frame.putObject("params").put("realtimeInterval", "24h").put("binary", false);
        ArrayNode data = frame.putArray("data");
        for (ScriptedTrade trade : trades) {
            data.addObject()
                    .put("v", trade.id())
                    .put("t", trade.time())
                    .put("p", trade.price().toPlainString())
                    .put("q", trade.quantity().toPlainString())
                    .put("m", trade.buyerMaker());
        }
        return push(frame, first, sendTime);
    }

    /** {@code {"symbol","symbolName","topic":"kline","params":{"klineType":"1m",...},"data":[{"t","s","sn","c","h","l","o","v"}],...}}. */
    static String kline(String symbol, String interval, PeerKline kline, boolean first, long sendTime) {
        ObjectNode frame = header(symbol, "kline");
        frame.putObject("params").put("realtimeInterval", "24h").put("klineType", interval).put("binary", false);
        frame.putArray("data").addObject()
                .put("t", kline.openTime())
                .put("s", symbol)
                .put("sn", symbol)
                .put("c", kline.close().toPlainString())
                .put("h", kline.high().toPlainString())
                .put("l", kline.low().toPlainString())
                .put("o", kline.open().toPlainString())
                .put("v", kline.volume().toPlainString());
        return push(frame, first, sendTime);
    }

    static String pong(long time) {
        return write(JSON.createObjectNode().put("pong", time));
    }

    /** {@code {"code":"...","msg":"..."}}: REST error bodies and WebSocket rejections alike. */
    static String error(String code, String message) {
        return write(JSON.createObjectNode().put("code", code).put("msg", message));
    }

    /** {@code [openTime,"o","h","l","c","vol",closeTime,"quoteVol",trades,"takerBase","takerQuote"]} rows. */
    static String klineRows(List<PeerKline> klines) {
        ArrayNode rows = JSON.createArrayNode();
        for (PeerKline k : klines) {
            rows.addArray()
                    .add(k.openTime())
                    .add(k.open().toPlainString())
                    .add(k.high().toPlainString())
                    .add(k.low().toPlainString())
                    .add(k.close().toPlainString())
                    .add(k.volume().toPlainString())
                    .add(k.closeTime())
                    .add(k.quoteVolume().toPlainString())
                    .add(k.trades())
                    .add(k.takerBaseVolume().toPlainString())
                    .add(k.takerQuoteVolume().toPlainString());
        }
        return write(rows);
    }

    static String serverTime(long millis) {
        return write(JSON.createObjectNode().put("serverTime", millis));
    }

    private static ObjectNode header(String symbol, String topic) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("symbol", symbol);
        frame.put("symbolName", symbol);
        frame.put("topic", topic);
        return frame;
    }

    private static String push(ObjectNode frame, boolean first, long sendTime) {
        frame.put("f", first);
        frame.put("sendTime", sendTime);
        frame.put("shared", false);
        return write(frame);
    }

    private static String write(Object node) {
        return JSON.writeValueAsString(node);
    }
}
