package io.agenthub.ingest.feed.hashkey.parse;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the body of {@code GET /quote/v1/klines}: an array of rows
 * {@code [openTime,"o","h","l","c","volume",closeTime,"quoteVolume",trades,"takerBase","takerQuote"]}. Only the first
 * six columns are used (the close time is 0 in some of the venue's answers); the rest may be missing.
 */
public final class KlineRows {

    private KlineRows() {
    }

    /**
     * @param intervalMillis the requested interval, to check that every open time is aligned to it
     */
    public static List<VenueCandle> parse(String body, long intervalMillis) throws MalformedPayloadException {
        JsonNode root = Json.read(body, "klines body");
        if (!root.isArray()) {
            throw new MalformedPayloadException("klines body should be an array of rows, got " + root.getNodeType());
        }
        List<VenueCandle> candles = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            candles.add(row(root.get(i), i, intervalMillis));
        }
        return candles;
    }

    private static VenueCandle row(JsonNode row, int index, long intervalMillis) throws MalformedPayloadException {
        String where = "kline row " + index;
        if (!row.isArray() || row.size() < 6) {
            throw new MalformedPayloadException(where + " should be an array [openTime,o,h,l,c,volume,...], got " + row);
        }
        long openTime = Json.epochMillis(row.get(0), where + " openTime");
        if (openTime % intervalMillis != 0) {
            throw new MalformedPayloadException(where + " openTime " + openTime + " is not aligned to " + intervalMillis + " ms");
        }
        try {
            return new VenueCandle(openTime, Json.decimal(row.get(1), where + " open"), Json.decimal(row.get(2), where + " high"),
                    Json.decimal(row.get(3), where + " low"), Json.decimal(row.get(4), where + " close"),
                    Json.decimal(row.get(5), where + " volume"));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException(where + " is impossible: " + e.getMessage());
        }
    }
}
