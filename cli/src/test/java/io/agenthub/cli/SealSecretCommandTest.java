package io.agenthub.cli;

import com.sun.net.httpserver.HttpServer;
import io.agenthub.secrets.MasterKeys;
import io.agenthub.secrets.TransportEnvelope;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class SealSecretCommandTest {

    @Test
    void shouldPrintEnvelopeTheApiOpensWhenValueComesOnStandardInput() throws Exception {
        TransportEnvelope.TransportKey key = TransportEnvelope.transportKey(MasterKeys.parse("k7:" + Base64.getEncoder().encodeToString(new byte[32])));
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api/secrets/transport-key", exchange -> {
            byte[] body = ("{\"key_id\":\"k7\",\"public_key\":\"" + Base64.getEncoder().encodeToString(key.publicKey()) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("my-hashkey-secret".getBytes(StandardCharsets.UTF_8)));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = BacktestCli.execute(new String[]{"seal-secret", "--api", "http://127.0.0.1:" + api.getAddress().getPort(),
                    "--name", "HASHKEY_SECRET"}, new PrintWriter(out), new PrintWriter(err), false);

            assertThat(exit).as(err.toString()).isZero();
            String envelope = out.toString().strip();
            assertThat(envelope).startsWith("v1.k7.").doesNotContain("my-hashkey-secret");
            assertThat(TransportEnvelope.open(key, "HASHKEY_SECRET", envelope)).isEqualTo("my-hashkey-secret");
        } finally {
            System.setIn(stdin);
            api.stop(0);
        }
    }
}
