package io.agenthub.testkit.hashkey;

import org.eclipse.jetty.util.Fields;

import java.util.List;
import java.util.Map;

/**
 * The peer's REST API: {@code GET /api/v1/ping}, {@code GET /api/v1/time} and {@code GET /quote/v1/klines}, with the
 * venue's parameter checks; a rejected request is HTTP 400 with a {@code {"code","msg"}} body.
 */
final class PeerRest {

    /** The venue's code for an unknown symbol. */
    static final String INVALID_SYMBOL = "-100011";
    /** The venue's code for a missing or invalid parameter. */
    static final String INVALID_PARAMETER = "0001";

    private static final int MAX_LIMIT = 1000;

    record Answer(int status, String body) {
        static Answer ok(String body) {
            return new Answer(200, body);
        }

        static Answer rejected(String code, String message) {
            return new Answer(400, PeerFrames.error(code, message));
        }
    }

    private final Map<String, List<ScriptedTrade>> tradesBySymbol;

    PeerRest(Map<String, List<ScriptedTrade>> tradesBySymbol) {
        this.tradesBySymbol = tradesBySymbol;
    }

    Answer answer(String method, String path, Fields query) {
        if (!method.equals("GET")) {
            return new Answer(405, PeerFrames.error("-1", method + " " + path + " is not supported; this peer serves GET only"));
        }
        return switch (path) {
            case "/api/v1/ping" -> Answer.ok("{}");
            case "/api/v1/time" -> Answer.ok(PeerFrames.serverTime(System.currentTimeMillis()));
            case "/quote/v1/klines" -> klines(query);
            default -> new Answer(404, PeerFrames.error("-1", "no such endpoint: " + path));
        };
    }

    private Answer klines(Fields query) {
        String symbol = query.getValue("symbol");
        if (symbol == null || symbol.isBlank()) {
            return Answer.rejected(INVALID_PARAMETER, "Mandatory parameter 'symbol' was not sent");
        }
        if (!tradesBySymbol.containsKey(symbol)) {
            return Answer.rejected(INVALID_SYMBOL, "Invalid symbol '" + symbol + "'; known: " + tradesBySymbol.keySet());
        }
        String interval = query.getValue("interval");
        if (interval == null || !KlineBook.valid(interval)) {
            return Answer.rejected(INVALID_PARAMETER, "Invalid interval '" + interval + "'; expected one of " + KlineBook.INTERVALS);
        }
        Long limit = number(query, "limit");
        Long startTime = number(query, "startTime");
        Long endTime = number(query, "endTime");
        String badNumber = firstNonNumeric(query, "limit", "startTime", "endTime");
        if (badNumber != null) {
            return Answer.rejected(INVALID_PARAMETER, "Parameter '" + badNumber + "' should be an integer, got '" + query.getValue(badNumber) + "'");
        }
        int rows = limit == null ? MAX_LIMIT : (int) Math.min(limit, Integer.MAX_VALUE);
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            return Answer.rejected(INVALID_PARAMETER, "Parameter 'limit' should be within 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (startTime != null && endTime != null && startTime > endTime) {
            return Answer.rejected(INVALID_PARAMETER, "startTime " + startTime + " is after endTime " + endTime);
        }
        List<PeerKline> selected = KlineBook.klines(tradesBySymbol.get(symbol), interval).stream()
                .filter(k -> startTime == null || k.openTime() >= startTime)
                .filter(k -> endTime == null || k.openTime() <= endTime)
                .toList();
        if (selected.size() > rows) {
            selected = startTime != null ? selected.subList(0, rows) : selected.subList(selected.size() - rows, selected.size());
        }
        return Answer.ok(PeerFrames.klineRows(selected));
    }

    private static Long number(Fields query, String name) {
        String value = query.getValue(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstNonNumeric(Fields query, String... names) {
        for (String name : names) {
            String value = query.getValue(name);
            if (value != null && number(query, name) == null) {
                return name;
            }
        }
        return null;
    }
}
