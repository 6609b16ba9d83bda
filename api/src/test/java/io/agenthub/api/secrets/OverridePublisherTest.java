package io.agenthub.api.secrets;

import io.agenthub.api.web.UnavailableException;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.secrets.MasterKeys;
import io.agenthub.secrets.SecretCipher;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverridePublisherTest {

    @Test
    void shouldRefuseTheRequestWithoutItsValuesWhenKafkaDoesNotTakeTheOverridesInTime() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        SecretCipher cipher = new SecretCipher(MasterKeys.parse("k1:" + Base64.getEncoder().encodeToString(new byte[32])));
        try (OverridePublisher publisher = new OverridePublisher("127.0.0.1:" + nobody, "override-test", Topics.standard().agentsCredentials(),
                cipher, Clock.systemUTC(), Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> publisher.publish(UUID.randomUUID(), "agent-1", 1, Map.of("HASHKEY_SECRET", "canary-4f1d"), null))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("X-Secret-*").hasMessageContaining("nothing was changed")
                    .hasMessageNotContaining("canary-4f1d")
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((UnavailableException) e).retryAfterSeconds()).isPositive());
        }
    }
}
