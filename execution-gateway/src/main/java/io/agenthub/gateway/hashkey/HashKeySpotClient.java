package io.agenthub.gateway.hashkey;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * HashKey Global's spot order API over signed REST: market orders by client order id, and the query by client order id
 * that resolves an unknown outcome. Timestamps follow the venue's clock ({@link #syncClock()}). Every failure says
 * whether the order is known not to exist ({@link HashKeyException.Outcome#REFUSED}), might exist
 * ({@link HashKeyException.Outcome#UNKNOWN}: query before anything else) or exists already
 * ({@link HashKeyException.Outcome#DUPLICATE}).
 */
public final class HashKeySpotClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final URI base;
    private final String apiKey;
    private final HashKeySigner signer;
    private final Clock clock;
    private final Duration timeout;
    private final long recvWindow;
    private final HttpClient http;
    private volatile long offset;

    public HashKeySpotClient(URI base, String apiKey, HashKeySigner signer, Clock clock, Duration timeout, long recvWindowMillis) {
        this.base = Objects.requireNonNull(base, "base");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = clock;
        this.timeout = timeout;
        this.recvWindow = recvWindowMillis;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** An order as the venue reports it. */
    public record SpotOrder(String clientOrderId, String orderId, String status, BigDecimal quantity, BigDecimal executed,
                            BigDecimal averagePrice) {
    }

    /** Reads the venue's clock and keeps the offset, so that signed timestamps land inside its window. */
    public long syncClock() {
        long before = clock.millis();
        JsonNode reply = call(HttpRequest.newBuilder(base.resolve("/api/v1/time")).GET(), "/api/v1/time");
        long after = clock.millis();
        offset = reply.path("serverTime").asLong() - (before + after) / 2;
        return offset;
    }

    public SpotOrder placeMarket(String symbol, boolean buy, BigDecimal quantity, String clientOrderId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("side", buy ? "BUY" : "SELL");
        params.put("type", "MARKET");
        params.put("quantity", quantity.toPlainString());
        params.put("newClientOrderId", clientOrderId);
        String body = signer.signedParams(params, recvWindow, clock.millis() + offset);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1.1/spot/order"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return order(call(request, "/api/v1.1/spot/order"));
    }

    /** The order with this client order id, or empty when the venue has none. */
    public Optional<SpotOrder> query(String clientOrderId) {
        String query = signer.signedParams(Map.of("origClientOrderId", clientOrderId), recvWindow, clock.millis() + offset);
        try {
            return Optional.of(order(call(HttpRequest.newBuilder(URI.create(base.resolve("/api/v1/spot/order") + "?" + query)).GET(),
                    "/api/v1/spot/order")));
        } catch (HashKeyException e) {
            if ("-1143".equals(e.code()) || "0211".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private JsonNode call(HttpRequest.Builder request, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("X-HK-APIKEY", apiKey).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new HashKeyException(HashKeyException.Outcome.UNKNOWN, 0, null, path + ": no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new HashKeyException(HashKeyException.Outcome.UNKNOWN, 0, null, path + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashKeyException(HashKeyException.Outcome.UNKNOWN, 0, null, path + ": interrupted");
        }
        int status = response.statusCode();
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new HashKeyException(status >= 500 || status == 200 ? HashKeyException.Outcome.UNKNOWN : HashKeyException.Outcome.REFUSED,
                    status, null, path + ": HTTP " + status + " with a body that is not JSON");
        }
        if (status == 200 && !body.has("code")) {
            return body;
        }
        String code = body.path("code").asString("");
        String message = body.path("msg").asString("");
        HashKeyException.Outcome outcome = status >= 500 || status == 429 || status == 418 ? HashKeyException.Outcome.UNKNOWN
                : code.equals("-1141") ? HashKeyException.Outcome.DUPLICATE : HashKeyException.Outcome.REFUSED;
        throw new HashKeyException(outcome, status, code, path + ": HTTP " + status + " " + code + " " + message);
    }

    private static SpotOrder order(JsonNode node) {
        return new SpotOrder(node.path("clientOrderId").asString(""), node.path("orderId").asString(""), node.path("status").asString(""),
                decimal(node, "origQty"), decimal(node, "executedQty"), decimal(node, "avgPrice"));
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String text = node.path(field).asString("");
        return text.isEmpty() ? null : new BigDecimal(text);
    }
}
