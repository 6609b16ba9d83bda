package io.agenthub.gateway.hashkey.http;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashKeySignerTest {

    private static final String SECRET = "lH3ELTNiFxCQTmi9pPcWWikhsjO04Yoqw3euoHUuOLC3GYBW64ZqzQsiOEHXQS76";

    @Test
    void shouldReproduceThePublishedTestVector() {
        HashKeySigner signer = new HashKeySigner(SECRET);

        assertThat(signer.sign("symbol=ETHBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1538323200000"))
                .isEqualTo("5f2750ad7589d1d40757a55342e621a44037dad23b5128cc70e18ec1d1c3f4c6");
    }

    @Test
    void shouldSignTheParametersInOrderWithTheSignatureLastWhenBuildingARequest() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", "ETHBTC");
        params.put("side", "BUY");
        params.put("type", "LIMIT");
        params.put("timeInForce", "GTC");
        params.put("quantity", "1");
        params.put("price", "0.1");

        String signed = new HashKeySigner(SECRET).signedParams(params, 5000, 1538323200000L);

        assertThat(signed).isEqualTo("symbol=ETHBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
                + "&timestamp=1538323200000&signature=5f2750ad7589d1d40757a55342e621a44037dad23b5128cc70e18ec1d1c3f4c6");
    }

    @Test
    void shouldNeverShowTheSecret() {
        assertThat(new HashKeySigner(SECRET).toString()).doesNotContain(SECRET).contains("hidden");
        assertThatThrownBy(() -> new HashKeySigner(" ")).hasMessage("HASHKEY_SECRET is empty");
    }
}
