package io.agenthub.testkit.hashkey.exchange;

import io.agenthub.testkit.hashkey.exchange.Wire.Codes;
import io.agenthub.testkit.hashkey.exchange.Wire.Rejection;
import io.agenthub.testkit.hashkey.exchange.Wire.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;

/**
 * The REST API: public {@code /api/v1/time}, {@code /api/v1/ping}, {@code /api/v1/exchangeInfo}; every other
 * endpoint is signed and checked as the venue checks it, in this order:
 * <ol>
 *   <li>{@code X-HK-APIKEY} a known key, else HTTP 400 {@code -1002 Unauthorized operation} (the doc's error table
 *   gives 400 for every code);</li>
 *   <li>a non-empty body is {@code application/x-www-form-urlencoded}, else {@code -1004 Bad request};</li>
 *   <li>{@code signature} is the last parameter of the body (or of the query when the body is empty) and is the
 *   lower-case hex HMAC-SHA256 of the query immediately followed by the body, exactly as sent, without the
 *   {@code &signature=...}; missing → {@code 0001 Required field signature missing or invalid}, wrong →
 *   {@code 0001 Incorrect signature};</li>
 *   <li>{@code timestamp} present and {@code timestamp < server + 1000 && server - timestamp <= recvWindow}
 *   (default 5000, no cap) on the peer's clock, else {@code -1021}.</li>
 * </ol>
 */
final class PrivateApi {

    private static final Logger log = LoggerFactory.getLogger(PrivateApi.class);

    private interface Route {
        Reply handle(Account account, Params params);
    }

    private final Exchange exchange;
    private final Map<String, Route> routes;

    PrivateApi(Exchange exchange, UserStreams streams) {
        this.exchange = exchange;
        SpotDesk spot = exchange.spot;
        FuturesDesk futures = exchange.futures;
        this.routes = Map.ofEntries(
                Map.entry("POST /api/v1.1/spot/order", (a, p) -> spot.place(a, p, true)),
                Map.entry("POST /api/v1/spot/order", (a, p) -> spot.place(a, p, false)),
                Map.entry("GET /api/v1/spot/order", spot::query),
                Map.entry("DELETE /api/v1/spot/order", spot::cancel),
                Map.entry("GET /api/v1/spot/openOrders", spot::openOrders),
                Map.entry("DELETE /api/v1/spot/openOrders", spot::cancelAll),
                Map.entry("GET /api/v1/account", (a, p) -> spot.balances(a)),
                Map.entry("GET /api/v1/account/trades", spot::trades),
                Map.entry("POST /api/v1/futures/order", futures::place),
                Map.entry("GET /api/v1/futures/order", futures::query),
                Map.entry("DELETE /api/v1/futures/order", futures::cancel),
                Map.entry("GET /api/v1/futures/openOrders", futures::openOrders),
                Map.entry("DELETE /api/v1/futures/batchOrders", futures::cancelAll),
                Map.entry("GET /api/v1/futures/positions", futures::positions),
                Map.entry("POST /api/v1/futures/leverage", futures::setLeverage),
                Map.entry("GET /api/v1/futures/leverage", futures::leverage),
                Map.entry("GET /api/v1/futures/userTrades", futures::userTrades),
                Map.entry("GET /api/v1/futures/balance", (a, p) -> futures.balance(a)),
                Map.entry("GET /api/v1/futures/commissionRate", (a, p) -> futures.commissionRate(p)),
                Map.entry("POST /api/v1/userDataStream", (a, p) -> streams.create(a)),
                Map.entry("PUT /api/v1/userDataStream", streams::extend),
                Map.entry("DELETE /api/v1/userDataStream", streams::delete));
    }

    Reply answer(String method, String path, String query, String body, String apiKey, String contentType) {
        try {
            switch (method + " " + path) {
                case "GET /api/v1/time" -> {
                    return Reply.ok(Wire.object().put("serverTime", exchange.now()));
                }
                case "GET /api/v1/ping" -> {
                    return Reply.ok(Wire.object());
                }
                case "GET /api/v1/exchangeInfo" -> {
                    return exchangeInfo(Params.of(query, body));
                }
                default -> {
                    // signed endpoints below
                }
            }
            Route route = routes.get(method + " " + path);
            if (route == null) {
                return Reply.error(404, "-1004", "Bad request: no endpoint " + method + " " + path);
            }
            Account account = authenticate(query, body, apiKey, contentType);
            Params params = Params.of(query, body);
            return exchange.locked(() -> route.handle(account, params));
        } catch (Rejection rejection) {
            return rejection.reply();
        } catch (RuntimeException e) {
            log.error("the HashKey exchange peer failed on {} {}", method, path, e);
            return Reply.error(500, "-1001", "Internal error");
        }
    }

    private Reply exchangeInfo(Params params) {
        return exchange.locked(() -> {
            if (!params.has("symbol")) {
                return Reply.ok(ExchangeInfo.all(exchange));
            }
            ObjectNode one = ExchangeInfo.one(exchange, params.required("symbol"));
            if (one == null) {
                throw Rejection.numeric(Codes.INVALID_SYMBOLS, "Invalid Symbols!");
            }
            return Reply.ok(one);
        });
    }

    private Account authenticate(String query, String body, String apiKey, String contentType) {
        Account account = exchange.accountByKey(apiKey);
        if (account == null) {
            throw Rejection.of(Codes.UNAUTHORIZED, "Unauthorized operation");
        }
        if (!body.isEmpty() && (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
            throw Rejection.of(Codes.BAD_REQUEST, "Bad request");
        }
        String carrier = body.isEmpty() ? query : body;
        int at = carrier.lastIndexOf("signature=");
        if (at < 0 || at > 0 && carrier.charAt(at - 1) != '&' || carrier.indexOf('&', at) >= 0) {
            throw Rejection.missing("signature");
        }
        String signature = carrier.substring(at + "signature=".length());
        String rest = carrier.substring(0, Math.max(0, at - 1));
        String signed = body.isEmpty() ? rest : query + rest;
        if (signature.isEmpty() || !account.signs(signed, signature)) {
            throw Rejection.of(Codes.BAD_SIGNATURE, "Incorrect signature");
        }
        Params params = Params.of(query, body);
        Long timestamp = params.optionalLong("timestamp");
        if (timestamp == null) {
            throw Rejection.missing("timestamp");
        }
        Long recvWindow = params.optionalLong("recvWindow");
        long window = recvWindow == null ? 5000 : recvWindow;
        if (window <= 0) {
            throw Rejection.missing("recvWindow");
        }
        long server = exchange.now();
        if (!(timestamp < server + 1000 && server - timestamp <= window)) {
            throw Rejection.of(Codes.TIMESTAMP, "Timestamp for this request is outside of the recvWindow");
        }
        return account;
    }
}
