package io.agenthub.api.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters that need more than Spring's conversion, each refused with a field error naming it. */
public final class Params {

    private Params() {
    }

    /** An ISO-8601 instant, or {@code fallback} when the parameter is absent. */
    public static Instant instant(String name, String value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(name, "must be an ISO-8601 instant such as 2026-11-29T10:00:00Z");
        }
    }
}
