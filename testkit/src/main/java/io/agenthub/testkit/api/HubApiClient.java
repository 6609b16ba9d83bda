package io.agenthub.testkit.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A client of the Hub API as a user's program sees it: HTTP and JSON on loopback, nothing else. Each instance acts
 * for one user once {@link #register} or {@link #login} has given it a token (or {@link #withApiKey} a key).
 */
public final class HubApiClient {

    /** A response: the status, the body as JSON (a missing or non-JSON body is an empty object), the raw text. */
    public record Response(int status, JsonNode json, String text, Map<String, String> headers) {
        public String field(String name) {
            JsonNode node = json.path(name);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final HttpClient http;
    private final Map<String, String> auth = new LinkedHashMap<>();
    private String userId;

    public HubApiClient(String base) {
        this(base, HTTP);
    }

    private HubApiClient(String base, HttpClient http) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = http;
    }

    /**
     * A client that connects from another loopback address ({@code 127.0.0.2}, say): to the API another client, as a
     * caller on another machine would be, for what the API counts per client (throttles).
     */
    public static HubApiClient from(String base, InetAddress localAddress) {
        return new HubApiClient(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).localAddress(localAddress).build());
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Registers a new user with a unique address and acts for them from now on. */
    public HubApiClient register(String who) {
        return authenticate("/api/auth/register", uniqueEmail(who), "correct horse battery staple", 201);
    }

    public HubApiClient login(String email, String password) {
        return authenticate("/api/auth/login", email, password, 200);
    }

    private HubApiClient authenticate(String path, String email, String password, int expected) {
        Response r = post(path, Map.of("email", email, "password", password));
        if (r.status() != expected) {
            throw new IllegalStateException(path + " answered " + r);
        }
        auth.clear();
        auth.put("Authorization", "Bearer " + r.field("access_token"));
        userId = r.field("user_id");
        return this;
    }

    public HubApiClient withApiKey(String key) {
        auth.clear();
        auth.put("X-API-Key", key);
        return this;
    }

    public HubApiClient withHeader(String name, String value) {
        auth.put(name, value);
        return this;
    }

    /** Stops sending a header {@link #withHeader} added. */
    public HubApiClient withoutHeader(String name) {
        auth.remove(name);
        return this;
    }

    public String userId() {
        return userId;
    }

    /** The access token this client acts with, if it logged in. */
    public String accessToken() {
        String header = auth.get("Authorization");
        return header == null ? null : header.substring("Bearer ".length());
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Response post(String path, Object body) {
        return postRaw(path, body == null ? "" : JSON.writeValueAsString(body), "application/json");
    }

    /** Sends {@code body} exactly as given: for malformed JSON, wrong content types, oversized bodies. */
    public Response postRaw(String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public Response patch(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Response send(HttpRequest.Builder request) {
        auth.forEach(request::header);
        request.timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (RuntimeException e) {
                json = JSON.createObjectNode();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            return new Response(response.statusCode(), json, response.body(), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonMapper json() {
        return JSON;
    }
}
