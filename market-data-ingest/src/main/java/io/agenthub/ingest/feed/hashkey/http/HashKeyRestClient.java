package io.agenthub.ingest.feed.hashkey.http;

import io.agenthub.ingest.feed.hashkey.parse.KlineRows;
import io.agenthub.ingest.feed.hashkey.parse.MalformedPayloadException;
import io.agenthub.ingest.feed.hashkey.parse.RestBodies;
import io.agenthub.ingest.feed.hashkey.parse.VenueCandle;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The public REST endpoints the feed needs, asynchronous so that the feed's thread never blocks on the network:
 * {@code GET /api/v1/time} and {@code GET /quote/v1/klines}. Every failure completes the future with a
 * {@link HashKeyRestException}; retrying is the caller's decision.
 */
public final class HashKeyRestClient {

    /** The venue's cap on rows per klines call. */
    public static final int MAX_KLINES = 1000;

    private static final long ONE_MINUTE_MS = 60_000;

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;

    public HashKeyRestClient(HttpClient http, URI baseUrl, Duration timeout) {
        this.http = http;
        this.baseUrl = withoutTrailingSlash(baseUrl.toString());
        this.timeout = timeout;
    }

    /** The venue's clock, {@code {"serverTime":<ms>}}. */
    public CompletableFuture<Long> serverTime() {
        return get("/api/v1/time", RestBodies::serverTime);
    }

    /**
     * One-minute klines whose open time lies in {@code [startTime, endTime]}, oldest first.
     *
     * @param limit rows wanted, at most {@value #MAX_KLINES}
     */
    public CompletableFuture<List<VenueCandle>> oneMinuteKlines(String venueSymbol, long startTime, long endTime, int limit) {
        if (limit <= 0 || limit > MAX_KLINES) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_KLINES + ", got " + limit);
        }
        if (endTime < startTime) {
            throw new IllegalArgumentException("endTime " + endTime + " is before startTime " + startTime);
        }
        String query = "symbol=" + URLEncoder.encode(venueSymbol, StandardCharsets.UTF_8) + "&interval=1m&startTime=" + startTime
                + "&endTime=" + endTime + "&limit=" + limit;
        return get("/quote/v1/klines?" + query, body -> KlineRows.parse(body, ONE_MINUTE_MS));
    }

    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @FunctionalInterface
    private interface BodyReader<T> {
        T read(String body) throws MalformedPayloadException;
    }

    private <T> CompletableFuture<T> get(String pathAndQuery, BodyReader<T> reader) {
        String what = "GET " + pathAndQuery;
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        throw new CompletionException(new HashKeyRestException(what + " failed: " + describe(cause), 0, null, cause));
                    }
                    try {
                        return read(what, response, reader);
                    } catch (HashKeyRestException e) {
                        throw new CompletionException(e);
                    }
                });
    }

    private static <T> T read(String what, HttpResponse<String> response, BodyReader<T> reader) throws HashKeyRestException {
        String body = response.body();
        Optional<RestBodies.VenueErrorBody> error = RestBodies.error(body);
        if (response.statusCode() != 200 || error.isPresent()) {
            String detail = error.map(e -> "error code " + e.code() + ": " + e.message())
                    .orElse("body " + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
            throw new HashKeyRestException(what + " answered HTTP " + response.statusCode() + ", " + detail,
                    response.statusCode(), error.map(RestBodies.VenueErrorBody::code).orElse(null), null);
        }
        try {
            return reader.read(body);
        } catch (MalformedPayloadException e) {
            throw new HashKeyRestException(what + " answered a body HashKey does not document: " + e.getMessage(),
                    response.statusCode(), null, e);
        }
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    }
}
