package io.agenthub.api.secrets;

import io.agenthub.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Where a secret may arrive in the clear (a {@code value}, or an {@code X-Secret-*} header): over TLS, or from this
 * machine, unless the operator allows it from anywhere ({@code agenthub.api.secrets.plain-values=anywhere}). TLS is
 * the API's own ({@code server.ssl.*}) or a proxy's that says so in {@code X-Forwarded-Proto} (with
 * {@code server.forward-headers-strategy=native}); elsewhere a client seals the value for the API first
 * ({@code encrypted_value}, {@code bin/seal-secret}).
 */
public class PlainSecrets {

    /** Where plain secret values are accepted. */
    public enum Policy {
        /** over TLS, or from a loopback address */
        TLS_OR_LOOPBACK,
        /** from any connection (a deployment whose port only trusted clients reach) */
        ANYWHERE
    }

    private final Policy policy;

    public PlainSecrets(Policy policy) {
        this.policy = policy;
    }

    /** @throws InvalidRequestException (400 on {@code field}) when a plain secret may not come over this connection */
    void check(HttpServletRequest request, String field) {
        if (policy == Policy.ANYWHERE || request.isSecure() || loopback(request.getRemoteAddr())) {
            return;
        }
        throw InvalidRequestException.of(field, "a secret in the clear is accepted only over TLS (https) or from the API's own machine; "
                + "seal it for the API and send encrypted_value instead (bin/seal-secret, GET /api/secrets/transport-key)");
    }

    /** This request's {@code X-Secret-*} overrides, refused unless they may come over this connection. */
    public Map<String, String> ephemeral(HttpServletRequest request) {
        Map<String, String> secrets = EphemeralSecrets.of(request);
        if (!secrets.isEmpty()) {
            check(request, "X-Secret-" + secrets.keySet().iterator().next());
        }
        return secrets;
    }

    private static boolean loopback(String address) {
        if (address == null || address.isEmpty() || !(address.indexOf(':') >= 0 || Character.isDigit(address.charAt(0)))) {
            // only a literal address counts; a name is never looked up
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
