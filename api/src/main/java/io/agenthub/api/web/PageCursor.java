package io.agenthub.api.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A keyset position in a newest-first listing: the time and id of the last item a page returned. Opaque to clients
 * (base64url); a cursor that does not decode is a 400 on the {@code cursor} parameter.
 */
public record PageCursor(Instant time, String id) {

    public String encode() {
        String raw = time.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code null} for no cursor (the first page). */
    public static PageCursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            String id = raw.substring(colon + 1);
            if (colon < 1 || id.isEmpty() || id.length() > 100) {
                throw new IllegalArgumentException("no id");
            }
            return new PageCursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), id);
        } catch (RuntimeException e) {
            throw InvalidRequestException.of("cursor", "is not a cursor this API returned");
        }
    }

    /** Checks a page size against its bound. */
    public static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw InvalidRequestException.of("limit", "must be within 1.." + max);
        }
        return limit;
    }
}
