package io.agenthub.ingest.feed.hashkey.ws;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The frames the feed sends on HashKey's public WebSocket v1. */
public final class WsRequests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private WsRequests() {
    }

    /** {@code {"symbol":"BTCUSDT","topic":"trade","event":"sub","params":{"binary":false}}}. */
    public static String subscribe(String venueSymbol, String topic) {
        ObjectNode frame = MAPPER.createObjectNode();
        frame.put("symbol", venueSymbol);
        frame.put("topic", topic);
        frame.put("event", "sub");
        frame.putObject("params").put("binary", false);
        return MAPPER.writeValueAsString(frame);
    }

    /** {@code {"ping":<ms>}}: the venue drops a connection that sends nothing for about 30 s. */
    public static String ping(long epochMillis) {
        return MAPPER.writeValueAsString(MAPPER.createObjectNode().put("ping", epochMillis));
    }

    /** {@code {"pong":<ms>}}, the answer to a ping the venue initiates. */
    public static String pong(long epochMillis) {
        return MAPPER.writeValueAsString(MAPPER.createObjectNode().put("pong", epochMillis));
    }
}
