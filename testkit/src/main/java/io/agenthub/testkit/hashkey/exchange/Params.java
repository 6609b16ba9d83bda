package io.agenthub.testkit.hashkey.exchange;

import io.agenthub.testkit.hashkey.exchange.Wire.Rejection;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The decoded parameters of a request (query, then form body; the first occurrence of a name wins). */
final class Params {

    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = values;
    }

    static Params of(String query, String body) {
        Map<String, String> values = new LinkedHashMap<>();
        decode(query, values);
        decode(body, values);
        return new Params(values);
    }

    static void decode(String text, Map<String, String> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                into.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                into.putIfAbsent(pair, "");
            }
        }
    }

    Map<String, String> asMap() {
        return values;
    }

    boolean has(String name) {
        String value = values.get(name);
        return value != null && !value.isEmpty();
    }

    String optional(String name) {
        return has(name) ? values.get(name) : null;
    }

    String required(String name) {
        if (!has(name)) {
            throw Rejection.missing(name);
        }
        return values.get(name);
    }

    BigDecimal decimal(String name) {
        return parse(name, required(name));
    }

    BigDecimal optionalDecimal(String name) {
        return has(name) ? parse(name, values.get(name)) : null;
    }

    Long optionalLong(String name) {
        if (!has(name)) {
            return null;
        }
        try {
            return Long.parseLong(values.get(name));
        } catch (NumberFormatException e) {
            throw Rejection.missing(name);
        }
    }

    /** {@code limit}: the default when absent, capped at {@code max}, at least 1. */
    int limit(int byDefault, int max) {
        Long limit = optionalLong("limit");
        if (limit == null) {
            return byDefault;
        }
        if (limit < 1) {
            throw Rejection.missing("limit");
        }
        return (int) Math.min(limit, max);
    }

    private static BigDecimal parse(String name, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw Rejection.missing(name);
        }
    }
}
