package io.agenthub.ingest.feed.hashkey.parse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

/**
 * Reading HashKey JSON into validated values: every accessor names the field and says what it expected, so a payload
 * the venue changed fails loudly with a message an operator can act on. Decimals are read exactly (strings, or JSON
 * numbers as {@link BigDecimal}), never through {@code double}.
 */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    static JsonNode read(String text, String what) throws MalformedPayloadException {
        if (text == null || text.isBlank()) {
            throw new MalformedPayloadException(what + " is empty; expected JSON");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedPayloadException(what + " is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    static JsonNode field(JsonNode object, String name, String where) throws MalformedPayloadException {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedPayloadException(where + " has no '" + name + "'");
        }
        return value;
    }

    static String string(JsonNode object, String name, String where) throws MalformedPayloadException {
        JsonNode value = field(object, name, where);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw new MalformedPayloadException(where + " field '" + name + "' should be a non-empty string, got " + value);
        }
        return value.stringValue();
    }

    /** A string, or an integral number written without quotes (trade ids are sometimes numbers). */
    static String identifier(JsonNode object, String name, String where) throws MalformedPayloadException {
        JsonNode value = field(object, name, where);
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        return string(object, name, where);
    }

    static long epochMillis(JsonNode object, String name, String where) throws MalformedPayloadException {
        return epochMillis(field(object, name, where), where + " field '" + name + "'");
    }

    static long epochMillis(JsonNode value, String where) throws MalformedPayloadException {
        long millis;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            millis = value.longValue();
        } else if (value.isString()) {
            try {
                millis = Long.parseLong(value.stringValue());
            } catch (NumberFormatException e) {
                throw new MalformedPayloadException(where + " should be epoch milliseconds, got " + value);
            }
        } else {
            throw new MalformedPayloadException(where + " should be epoch milliseconds, got " + value);
        }
        if (millis <= 0) {
            throw new MalformedPayloadException(where + " should be positive epoch milliseconds, got " + millis);
        }
        return millis;
    }

    static Long optionalEpochMillis(JsonNode object, String name, String where) throws MalformedPayloadException {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : epochMillis(value, where + " field '" + name + "'");
    }

    static BigDecimal decimal(JsonNode object, String name, String where) throws MalformedPayloadException {
        return decimal(field(object, name, where), where + " field '" + name + "'");
    }

    static BigDecimal decimal(JsonNode value, String where) throws MalformedPayloadException {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString()) {
            try {
                return new BigDecimal(value.stringValue().strip());
            } catch (NumberFormatException e) {
                throw new MalformedPayloadException(where + " should be a decimal number, got " + value);
            }
        }
        throw new MalformedPayloadException(where + " should be a decimal number, got " + value);
    }

    static boolean optionalBoolean(JsonNode object, String name, boolean fallback, String where) throws MalformedPayloadException {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isString() && (value.stringValue().equals("true") || value.stringValue().equals("false"))) {
            return Boolean.parseBoolean(value.stringValue());
        }
        throw new MalformedPayloadException(where + " field '" + name + "' should be true or false, got " + value);
    }
}
