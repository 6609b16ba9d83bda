package io.agenthub.testkit.hashkey;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for HashKey Global's private spot REST API on 127.0.0.1, checking what the venue checks before it
 * takes an order: the {@code X-HK-APIKEY} header, the HMAC-SHA256 signature over the query and body exactly as sent,
 * {@code timestamp} within {@code recvWindow} of its clock, the form content type; and answering in the venue's JSON
 * shapes and error codes ({@code -1002} unauthorized, {@code 0002} bad signature, {@code -1021} timestamp outside the
 * window, {@code -1141} duplicate client order id, {@code -1143} order not found). Market orders fill at once at the
 * price it is told. The next calls to a path can be made to fail with a status (5xx: the outcome is unknown to the
 * client, though the peer may or may not have taken the order).
 */
public final class HashKeyTradingPeer implements AutoCloseable {

    private final String apiKey;
    private final SecretKeySpec secret;
    private final Server server;
    private final Map<String, Map<String, Object>> ordersByClientId = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> failures = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong orderIds = new AtomicLong(1_800_000_000_000_000_000L);
    private volatile BigDecimal price = new BigDecimal("23140.48");
    private volatile long clockOffset;

    public HashKeyTradingPeer(String apiKey, String secret) throws Exception {
        this.apiKey = apiKey;
        this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("hashkey-trading-peer");
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                String query = request.getHttpURI().getQuery() == null ? "" : request.getHttpURI().getQuery();
                Answer answer = answer(request.getMethod(), Request.getPathInContext(request), query, body,
                        request.getHeaders().get("X-HK-APIKEY"), request.getHeaders().get(HttpHeader.CONTENT_TYPE));
                response.setStatus(answer.status);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                Content.Sink.write(response, true, answer.body, callback);
                return true;
            }
        });
        server.start();
    }

    private record Answer(int status, String body) {
    }

    public URI restBaseUrl() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    /** The price market orders fill at from now on. */
    public void price(BigDecimal price) {
        this.price = price;
    }

    /** How far the peer's clock is ahead of this machine's (negative: behind). */
    public void clockOffset(long millis) {
        this.clockOffset = millis;
    }

    /**
     * The next {@code times} authenticated calls to {@code path} answer {@code status}, after the call was carried out:
     * the venue acted, and the reply was lost (the client must find out what happened, not repeat it).
     */
    public void failNext(String path, int status, int times) {
        List<Integer> list = failures.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
        for (int i = 0; i < times; i++) {
            list.add(status);
        }
    }

    /** The orders the peer holds, by client order id. */
    public Map<String, Map<String, Object>> orders() {
        return Map.copyOf(ordersByClientId);
    }

    /** Every request as {@code METHOD path?query body}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private synchronized Answer answer(String method, String path, String query, String body, String key, String contentType) {
        requests.add(method + " " + path + (query.isEmpty() ? "" : "?" + query) + (body.isEmpty() ? "" : " " + body));
        if (path.equals("/api/v1/time")) {
            return new Answer(200, "{\"serverTime\":" + now() + "}");
        }
        if (key == null || !key.equals(apiKey)) {
            return error(401, "-1002", "Unauthorized");
        }
        String total = query + body;
        int at = total.lastIndexOf("signature=");
        if (at < 1 || total.indexOf('&', at) >= 0) {
            return error(400, "0001", "signature must be the last parameter");
        }
        String signed = total.substring(0, at - 1);
        String expected = hmac(signed);
        if (!expected.equals(total.substring(at + "signature=".length()))) {
            return error(400, "0002", "Signature for this request is not valid");
        }
        Map<String, String> params = parse(query);
        params.putAll(parse(body));
        if (!body.isEmpty() && (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded"))) {
            return error(400, "0001", "Content-Type must be application/x-www-form-urlencoded");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(params.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            return error(400, "0001", "timestamp is required");
        }
        long window = Long.parseLong(params.getOrDefault("recvWindow", "5000"));
        long server = now();
        if (timestamp >= server + 1000 || server - timestamp > window) {
            return error(400, "-1021", "Timestamp for this request is outside of the recvWindow");
        }
        List<Integer> failing = failures.get(path);
        Integer failure = failing == null || failing.isEmpty() ? null : failing.removeFirst();
        Answer answer = switch (method + " " + path) {
            case "POST /api/v1.1/spot/order" -> place(params);
            case "GET /api/v1/spot/order" -> query(params.getOrDefault("origClientOrderId", ""));
            default -> error(404, "0001", "no such endpoint " + path);
        };
        return failure != null ? new Answer(failure, "<html>" + failure + " Service Unavailable</html>") : answer;
    }

    private Answer place(Map<String, String> params) {
        for (String required : List.of("symbol", "side", "type", "quantity", "newClientOrderId")) {
            if (!params.containsKey(required)) {
                return error(400, "0001", "missing parameter " + required);
            }
        }
        String clientId = params.get("newClientOrderId");
        if (ordersByClientId.containsKey(clientId)) {
            return error(400, "-1141", "Duplicate clientOrderId");
        }
        if (!params.get("type").equals("MARKET")) {
            return error(400, "0001", "only MARKET orders here");
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("symbol", params.get("symbol"));
        order.put("clientOrderId", clientId);
        order.put("orderId", Long.toString(orderIds.incrementAndGet()));
        order.put("transactTime", Long.toString(now()));
        order.put("price", "0");
        order.put("origQty", params.get("quantity"));
        order.put("executedQty", params.get("quantity"));
        order.put("avgPrice", price.toPlainString());
        order.put("status", "FILLED");
        order.put("timeInForce", "IOC");
        order.put("type", "MARKET");
        order.put("side", params.get("side"));
        ordersByClientId.put(clientId, order);
        return new Answer(200, json(order));
    }

    private Answer query(String clientId) {
        Map<String, Object> order = ordersByClientId.get(clientId);
        return order == null ? error(400, "-1143", "Order not found") : new Answer(200, json(order));
    }

    private long now() {
        return System.currentTimeMillis() + clockOffset;
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static Answer error(int status, String code, String message) {
        return new Answer(status, "{\"code\":\"" + code + "\",\"msg\":\"" + message + "\"}");
    }

    private static String json(Map<String, Object> fields) {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add("\"" + k + "\":\"" + v + "\""));
        return "{" + String.join(",", parts) + "}";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
