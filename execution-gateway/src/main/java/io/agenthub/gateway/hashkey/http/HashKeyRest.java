package io.agenthub.gateway.hashkey.http;

import io.agenthub.core.broker.BrokerException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * HashKey Global's REST API for one API key: signed calls ({@code X-HK-APIKEY}, HMAC-SHA256 over query and body as sent,
 * {@code timestamp} on the venue's clock, {@code recvWindow}), within the configured rates for orders and queries,
 * and behind the host's {@link VenueGate}. Every failure is a {@link BrokerException} that says what it means for an
 * order: surely not taken ({@code REFUSED}: a validation error, or not sent at all), maybe taken ({@code UNKNOWN}: 5xx,
 * 429, 418, timeout, reset, an unknown execution status) or taken before ({@code DUPLICATE}: {@code -1141}). The key
 * goes only into the header, the secret only into the signer; neither appears in a message.
 */
public final class HashKeyRest {

    /** Which budget a call spends: placing and cancelling orders, or reading. */
    public enum Kind { ORDER, QUERY }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Codes meaning the venue does not know what became of the request. */
    private static final Set<String> UNKNOWN_CODES = Set.of("-1000", "-1001", "-1006", "-1007");
    private static final String DUPLICATE = "-1141";

    private final URI base;
    private final String apiKey;
    private final HashKeySigner signer;
    private final Clock clock;
    private final Duration timeout;
    private final long recvWindow;
    private final VenueGate gate;
    private final RateLimiter orders;
    private final RateLimiter queries;
    private final HttpClient http;
    private volatile long offset;

    public HashKeyRest(URI base, String apiKey, HashKeySigner signer, Clock clock, Duration timeout, long recvWindowMillis, VenueGate gate,
                       RateLimiter orders, RateLimiter queries, HttpClient http) {
        this.base = Objects.requireNonNull(base, "base");
        this.apiKey = apiKey;
        this.signer = signer;
        this.clock = clock;
        this.timeout = timeout;
        this.recvWindow = recvWindowMillis;
        this.gate = gate;
        this.orders = orders;
        this.queries = queries;
        this.http = http;
    }

    /** A client of the public endpoints only ({@code exchangeInfo}, time): no key, no signature. */
    public static HashKeyRest publicClient(URI base, Clock clock, Duration timeout, VenueGate gate, RateLimiter queries, HttpClient http) {
        return new HashKeyRest(base, null, null, clock, timeout, 0, gate, queries, queries, http);
    }

    /** Reads the venue's clock and keeps the offset, so that signed timestamps land inside its window. */
    public long syncClock() {
        long before = clock.millis();
        JsonNode reply = publicGet("/api/v1/time", Map.of());
        long after = clock.millis();
        offset = reply.path("serverTime").asLong() - (before + after) / 2;
        return offset;
    }

    /** The venue's time now, as far as we know it. */
    public long venueTime() {
        return clock.millis() + offset;
    }

    public JsonNode publicGet(String path, Map<String, String> params) {
        gate.check(path);
        permit(queries, path);
        String query = params.isEmpty() ? "" : "?" + HashKeySigner.encode(params);
        return send(HttpRequest.newBuilder(base.resolve(path + query)).GET(), path);
    }

    public JsonNode get(String path, Map<String, String> params, Kind kind) {
        return signed("GET", path, params, kind);
    }

    public JsonNode post(String path, Map<String, String> params, Kind kind) {
        return signed("POST", path, params, kind);
    }

    public JsonNode put(String path, Map<String, String> params, Kind kind) {
        return signed("PUT", path, params, kind);
    }

    public JsonNode delete(String path, Map<String, String> params, Kind kind) {
        return signed("DELETE", path, params, kind);
    }

    private JsonNode signed(String method, String path, Map<String, String> params, Kind kind) {
        if (signer == null) {
            throw new IllegalStateException(path + " needs an API key; this client has none");
        }
        gate.check(path);
        permit(kind == Kind.ORDER ? orders : queries, path);
        String signed = signer.signedParams(params, recvWindow, venueTime());
        HttpRequest.Builder request;
        if (method.equals("GET")) {
            request = HttpRequest.newBuilder(URI.create(base.resolve(path) + "?" + signed)).GET();
        } else {
            request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(signed));
        }
        return send(request.header("X-HK-APIKEY", apiKey), path);
    }

    private static void permit(RateLimiter limiter, String path) {
        if (!limiter.acquirePermission()) {
            throw new BrokerException(BrokerException.Outcome.REFUSED, 0, "RATE_LIMITED", path + ": not sent, over the configured rate of "
                    + limiter.getRateLimiterConfig().getLimitForPeriod() + " per " + limiter.getRateLimiterConfig().getLimitRefreshPeriod());
        }
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new BrokerException(BrokerException.Outcome.UNKNOWN, 0, null, path + ": no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new BrokerException(BrokerException.Outcome.UNKNOWN, 0, null, path + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(BrokerException.Outcome.UNKNOWN, 0, null, path + ": interrupted");
        }
        int status = response.statusCode();
        if (status == 429 || status == 418) {
            Duration retryAfter = retryAfter(response);
            Duration wait = status == 429 ? gate.throttled(retryAfter) : gate.banned(retryAfter);
            throw new BrokerException(BrokerException.Outcome.UNKNOWN, status, status == 429 ? "RATE_LIMITED" : "VENUE_BANNED", path + ": HTTP "
                    + status + (status == 429 ? ", backing off " : ", this address is banned; all traffic stops for ") + wait.toSeconds() + " s",
                    wait.toMillis());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new BrokerException(status >= 500 || status == 200 ? BrokerException.Outcome.UNKNOWN : BrokerException.Outcome.REFUSED,
                    status, null, path + ": HTTP " + status + " with a body that is not JSON");
        }
        if (status == 200) {
            return body;
        }
        String code = body.path("code").isMissingNode() ? null : body.path("code").asString();
        String message = body.path("msg").asString("");
        BrokerException.Outcome outcome = status >= 500 || (code != null && UNKNOWN_CODES.contains(code)) ? BrokerException.Outcome.UNKNOWN
                : DUPLICATE.equals(code) ? BrokerException.Outcome.DUPLICATE : BrokerException.Outcome.REFUSED;
        throw new BrokerException(outcome, status, code, path + ": HTTP " + status + (code == null ? "" : " " + code) + " " + message);
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    @Override
    public String toString() {
        return "HashKeyRest[" + base + ", key hidden]";
    }
}
