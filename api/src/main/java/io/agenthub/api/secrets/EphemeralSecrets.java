package io.agenthub.api.secrets;

import io.agenthub.secrets.SecretScope;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-request secret overrides: a header {@code X-Secret-<NAME>} (e.g. {@code X-Secret-HASHKEY_API_KEY}) counts as
 * that secret for this request only. Held in memory for the request, never stored, logged or echoed.
 */
public final class EphemeralSecrets {

    static final String PREFIX = "x-secret-";

    private EphemeralSecrets() {
    }

    public static Map<String, String> of(HttpServletRequest request) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String header : Collections.list(request.getHeaderNames())) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith(PREFIX)) {
                String name = header.substring(PREFIX.length()).toUpperCase(Locale.ROOT).replace('-', '_');
                if (SecretScope.NAME.matcher(name).matches()) {
                    secrets.put(name, request.getHeader(header));
                }
            }
        }
        return secrets;
    }
}
