package io.agenthub.api.secrets;

import io.agenthub.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PlainSecretsTest {

    private final PlainSecrets tlsOrLoopback = new PlainSecrets(PlainSecrets.Policy.TLS_OR_LOOPBACK);

    @Test
    void shouldAcceptAPlainValueWhenItComesFromThisMachine() {
        assertThatNoException().isThrownBy(() -> tlsOrLoopback.check(request("127.0.0.1", false, Map.of()), "value"));
        assertThatNoException().isThrownBy(() -> tlsOrLoopback.check(request("0:0:0:0:0:0:0:1", false, Map.of()), "value"));
        assertThatNoException().isThrownBy(() -> tlsOrLoopback.check(request("127.3.4.5", false, Map.of()), "value"));
    }

    @Test
    void shouldAcceptAPlainValueWhenTheConnectionIsTls() {
        assertThatNoException().isThrownBy(() -> tlsOrLoopback.check(request("203.0.113.7", true, Map.of()), "value"));
    }

    @Test
    void shouldRefuseAPlainValueNamingTheFieldAndTheWayOutWhenItComesInTheClearFromElsewhere() {
        assertThatThrownBy(() -> tlsOrLoopback.check(request("172.18.0.1", false, Map.of()), "value"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("value");
                        assertThat(p.message()).contains("only over TLS").contains("encrypted_value").contains("bin/seal-secret");
                    });
                });
    }

    @Test
    void shouldNeverTakeAHostNameForLoopbackWhenTheRemoteAddressIsNotALiteral() {
        assertThatThrownBy(() -> tlsOrLoopback.check(request("localhost", false, Map.of()), "value")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> tlsOrLoopback.check(request("", false, Map.of()), "value")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void shouldRefuseSecretHeadersInTheClearFromElsewhereWithoutEchoingTheirValue() {
        HttpServletRequest http = request("198.51.100.2", false, Map.of("X-Secret-HASHKEY_SECRET", "canary-7f3a"));

        assertThatThrownBy(() -> tlsOrLoopback.ephemeral(http)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("X-Secret-HASHKEY_SECRET"));
            assertThat(e.getMessage()).doesNotContain("canary-7f3a");
        });
        assertThat(tlsOrLoopback.ephemeral(request("198.51.100.2", false, Map.of()))).as("no secret headers, nothing to refuse").isEmpty();
        assertThat(tlsOrLoopback.ephemeral(request("198.51.100.2", true, Map.of("X-Secret-HASHKEY_SECRET", "canary-7f3a"))))
                .containsEntry("HASHKEY_SECRET", "canary-7f3a");
    }

    @Test
    void shouldAcceptPlainValuesFromAnywhereWhenTheOperatorSaysSo() {
        PlainSecrets anywhere = new PlainSecrets(PlainSecrets.Policy.ANYWHERE);

        assertThatNoException().isThrownBy(() -> anywhere.check(request("172.18.0.1", false, Map.of()), "value"));
    }

    /** The few request methods the policy reads; any other call fails the test. */
    private static HttpServletRequest request(String remoteAddress, boolean secure, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(PlainSecretsTest.class.getClassLoader(), new Class<?>[]{HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remoteAddress;
                    case "isSecure" -> secure;
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
