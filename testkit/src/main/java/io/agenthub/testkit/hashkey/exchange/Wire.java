package io.agenthub.testkit.hashkey.exchange;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How HashKey Global writes things: numbers, ids and REST timestamps as JSON strings, errors as
 * {@code {"code":"<string>","msg":"..."}} (a few codes, e.g. {@code -100010}, are JSON numbers on the live venue).
 */
final class Wire {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Wire() {
    }

    /** A decimal the way the venue prints it: plain, without trailing zeros, {@code "0"} for zero. */
    static String dec(BigDecimal value) {
        if (value == null || value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    /** A decimal rounded to {@code scale} places (half up), then printed as {@link #dec}. */
    static String dec(BigDecimal value, int scale) {
        return value == null ? "0" : dec(value.setScale(scale, RoundingMode.HALF_UP));
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String write(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    /** An answer to a REST request: status and JSON body. */
    record Reply(int status, String body) {

        static Reply ok(JsonNode body) {
            return new Reply(200, write(body));
        }

        static Reply error(int status, String code, String message) {
            return new Reply(status, write(object().put("code", code).put("msg", message)));
        }
    }

    /**
     * The venue refusing a request: thrown while validating, before any state changed, and turned into HTTP 400
     * (unless told otherwise) with the venue's code.
     */
    static final class Rejection extends RuntimeException {

        private final transient Reply reply;

        private Rejection(Reply reply) {
            super(reply.body(), null, false, false);
            this.reply = reply;
        }

        static Rejection of(String code, String message) {
            return new Rejection(Reply.error(400, code, message));
        }

        /** An error whose code the live venue sends as a JSON number ({@code -100010 Invalid Symbols!}). */
        static Rejection numeric(long code, String message) {
            return new Rejection(new Reply(400, write(object().put("code", code).put("msg", message))));
        }

        static Rejection missing(String field) {
            return of(Codes.BAD_FIELD, "Required field " + field + " missing or invalid");
        }

        Reply reply() {
            return reply;
        }
    }

    /** The venue's error codes this peer answers with (FACTS §7.2). */
    static final class Codes {
        static final String BAD_FIELD = "0001";
        static final String BAD_SIGNATURE = "0001";
        static final String UNSUPPORTED_ORDER_TYPE = "0206";
        static final String PRICE_PRECISION = "0209";
        static final String ORDER_NOT_FOUND_0211 = "0211";
        static final String INSUFFICIENT = "0401";
        static final String UNAUTHORIZED = "-1002";
        static final String BAD_REQUEST = "-1004";
        static final String TIMESTAMP = "-1021";
        static final String INVALID_TIME_IN_FORCE = "-1115";
        static final String INVALID_SIDE = "-1117";
        static final String INVALID_CLIENT_ORDER_ID = "-1123";
        static final String QUANTITY_AND_AMOUNT = "-1129";
        static final String PRICE_ABOVE_MAX = "-1132";
        static final String PRICE_BELOW_MIN = "-1133";
        static final String QUANTITY_ABOVE_MAX = "-1135";
        static final String QUANTITY_BELOW_MIN = "-1136";
        static final String QUANTITY_PRECISION = "-1137";
        static final String AMOUNT_BELOW_MIN = "-1140";
        static final String DUPLICATE_ORDER = "-1141";
        static final String ORDER_NOT_FOUND = "-1143";
        static final String INVALID_PRICE_TYPE = "-1153";
        static final String AMOUNT_ABOVE_MAX = "-1206";
        static final String MAX_LEVERAGE = "-2043";
        static final String POSITION_NOT_ENOUGH = "-2053";
        static final long INVALID_SYMBOLS = -100010L;

        private Codes() {
        }
    }
}
