package io.agenthub.ingest.feed.hashkey.parse;

import tools.jackson.databind.JsonNode;

import java.util.Optional;

/** The small REST bodies the feed reads besides klines: server time and the venue's error body. */
public final class RestBodies {

    private RestBodies() {
    }

    /** {@code GET /api/v1/time} → {@code {"serverTime":<ms>}}. */
    public static long serverTime(String body) throws MalformedPayloadException {
        JsonNode root = Json.read(body, "server time body");
        if (!root.isObject()) {
            throw new MalformedPayloadException("server time body should be an object {\"serverTime\":<ms>}, got " + root.getNodeType());
        }
        return Json.epochMillis(root, "serverTime", "server time body");
    }

    /** The venue's error body {@code {"code":"...","msg":"..."}}, if the body is one. */
    public static Optional<VenueErrorBody> error(String body) {
        try {
            JsonNode root = Json.read(body, "body");
            if (root.isObject() && root.has("code") && (root.has("msg") || root.has("desc"))) {
                JsonNode message = root.has("msg") ? root.get("msg") : root.get("desc");
                return Optional.of(new VenueErrorBody(root.get("code").asString(), message.asString()));
            }
            return Optional.empty();
        } catch (MalformedPayloadException e) {
            return Optional.empty();
        }
    }

    /** Whether the body is a JSON object, as {@code GET /api/v1/ping} answers ({@code {}}). */
    public static boolean isObject(String body) {
        try {
            return Json.read(body, "body").isObject();
        } catch (MalformedPayloadException e) {
            return false;
        }
    }

    public record VenueErrorBody(String code, String message) {
    }
}
