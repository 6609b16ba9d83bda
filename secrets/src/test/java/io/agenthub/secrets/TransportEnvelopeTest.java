package io.agenthub.secrets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransportEnvelopeTest {

    private final TransportEnvelope.TransportKey transport = TransportEnvelope.transportKey(MasterKeys.parse(SecretCipherTest.K1));

    @Test
    void shouldOpenEnvelopeWhenClientSealedItForTheApisTransportKey() {
        String envelope = TransportEnvelope.seal(transport.keyId(), transport.publicKey(), "HASHKEY_SECRET", "s3cr3t-value");

        assertThat(envelope).startsWith("v1.k1.").doesNotContain("s3cr3t");
        assertThat(TransportEnvelope.open(transport, "HASHKEY_SECRET", envelope)).isEqualTo("s3cr3t-value");
        assertThat(TransportEnvelope.transportKey(MasterKeys.parse(SecretCipherTest.K1)).publicKey())
                .as("the transport key is derived from the master key, so it survives restarts").isEqualTo(transport.publicKey());
    }

    @Test
    void shouldRefuseEnvelopeWhenNameKeyOrBytesDoNotMatch() {
        String envelope = TransportEnvelope.seal(transport.keyId(), transport.publicKey(), "HASHKEY_SECRET", "s3cr3t-value");
        TransportEnvelope.TransportKey other = TransportEnvelope.transportKey(MasterKeys.parse(SecretCipherTest.K2));

        assertThatThrownBy(() -> TransportEnvelope.open(transport, "HASHKEY_API_KEY", envelope)).hasMessageContaining("does not open");
        assertThatThrownBy(() -> TransportEnvelope.open(other, "HASHKEY_SECRET", envelope)).hasMessageContaining("transport key k1");
        String altered = envelope.substring(0, envelope.length() - 2) + (envelope.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> TransportEnvelope.open(transport, "HASHKEY_SECRET", altered)).isInstanceOf(SecretException.class);
        assertThatThrownBy(() -> TransportEnvelope.open(transport, "HASHKEY_SECRET", "plaintext")).hasMessageContaining("not a v1 envelope");
        assertThatThrownBy(() -> TransportEnvelope.open(transport, "HASHKEY_SECRET", "v1.k1.!!!")).hasMessageContaining("base64url");
        assertThatThrownBy(() -> TransportEnvelope.open(transport, "HASHKEY_SECRET", "v1.k1.AAAA")).hasMessageContaining("too short");
    }
}
