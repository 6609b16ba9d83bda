package io.agenthub.kafka;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSettingsTest {

    @Test
    void shouldTakeTheDefaultsWhenNothingIsGiven() {
        KafkaSettings settings = new KafkaSettings(null, null, null, null, null).orApplicationId("agenthub-api");

        assertThat(settings).isEqualTo(new KafkaSettings("127.0.0.1:9092", "", "agenthub-api", Path.of(".hub-data/streams"), 1));
    }

    @Test
    void shouldKeepTheGivenApplicationIdWhenTheServiceHasADefault() {
        KafkaSettings settings = KafkaSettings.of("kafka:19092", "t1.", " my-gateway ").orApplicationId("agenthub-execution-gateway");

        assertThat(settings.applicationId()).isEqualTo("my-gateway");
        assertThat(settings.bootstrapServers()).isEqualTo("kafka:19092");
        assertThat(settings.topicPrefix()).isEqualTo("t1.");
    }

    @Test
    void shouldRefuseWithTheSettingsNameWhenTheBrokersAreBlank() {
        assertThatThrownBy(() -> KafkaSettings.of("  ", "", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kafka.bootstrap-servers");
    }

    @Test
    void shouldRefuseWithTheSettingsNameWhenTheReplicationFactorIsBelowOne() {
        assertThatThrownBy(() -> new KafkaSettings("b:9092", "", "x", null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kafka.replication-factor").hasMessageContaining("0");
    }
}
