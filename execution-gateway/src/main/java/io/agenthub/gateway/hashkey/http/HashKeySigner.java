package io.agenthub.gateway.hashkey.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * HashKey Global's request signature: lower-case hex HMAC-SHA256 of the secret over {@code totalParams}, the query
 * string immediately followed by the body, exactly as sent. Holds the secret and never shows it: not in
 * {@link #toString()}, not in an exception.
 */
public final class HashKeySigner {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public HashKeySigner(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("HASHKEY_SECRET is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The signature of {@code totalParams} (query string and body, concatenated with nothing between them). */
    public String sign(String totalParams) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(totalParams.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available on this JVM", e);
        }
    }

    /**
     * A signed parameter string for a request whose parameters all travel in one place (the query of a GET, or the
     * form body of a POST/DELETE): the parameters in the given order, then {@code recvWindow} and {@code timestamp},
     * then {@code signature} last.
     */
    public String signedParams(Map<String, String> params, long recvWindowMillis, long timestampMillis) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("recvWindow", Long.toString(recvWindowMillis));
        all.put("timestamp", Long.toString(timestampMillis));
        String text = encode(all);
        return text + "&signature=" + sign(text);
    }

    static String encode(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    @Override
    public String toString() {
        return "HashKeySigner[secret hidden]";
    }
}
