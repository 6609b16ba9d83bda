package io.agenthub.kafka.topics;

import io.agenthub.core.market.Timeframe;
import io.agenthub.schemas.topics.TopicLayout;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisionTopicsTest {

    @Test
    void shouldLayOutOneBrokerWithOneAndSixtySecondBarsWhenOnlyTheBootstrapServersAreGiven() {
        ProvisionTopics.Settings settings = ProvisionTopics.Settings.parse("--bootstrap-servers=kafka:19092");

        assertThat(settings.bootstrapServers()).isEqualTo("kafka:19092");
        assertThat(settings.layout()).isEqualTo(TopicLayout.singleBroker());
        assertThat(settings.barTimeframes()).containsExactly(Timeframe.ONE_SECOND, Timeframe.ONE_MINUTE);
        assertThat(settings.topics().prefix()).isEmpty();
        assertThat(settings.waitForBroker()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void shouldTakeEveryOptionWhenGiven() {
        ProvisionTopics.Settings settings = ProvisionTopics.Settings.parse("--bootstrap-servers=a:1,b:2", "--prefix=hub2.",
                "--symbol-partitions=4", "--agent-partitions=12", "--replication-factor=3", "--bar-timeframes=1m, 5m", "--wait=500ms");

        assertThat(settings.layout()).isEqualTo(new TopicLayout(4, 12, (short) 3));
        assertThat(settings.barTimeframes()).containsExactly(Timeframe.ONE_MINUTE, Timeframe.ofSeconds(300));
        assertThat(settings.topics().marketTicks().name()).isEqualTo("hub2.market.ticks");
        assertThat(settings.waitForBroker()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldRefuseWithExitStatusTwoWhenAnArgumentIsUnknownOrMalformed() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("--bootstrap-servers=k:1", "--partitions=3"),
                List.of("--bootstrap-servers=k:1", "--agent-partitions=six"), List.of("--bootstrap-servers=k:1", "--wait=soon"),
                List.of("--bootstrap-servers=k:1", "--agent-partitions=0"), List.of("kafka:9092"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int status = ProvisionTopics.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(status).as("%s", args).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).as("%s", args).startsWith("provision-topics: ").doesNotContain("Exception");
        }
    }

    @Test
    void shouldSayWhatIsRequiredWhenTheBootstrapServersAreMissing() {
        assertThatThrownBy(() -> ProvisionTopics.Settings.parse("--prefix=x."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bootstrap-servers=HOST:PORT is required");
    }

    @Test
    void shouldGiveUpWithExitStatusOneWhenNoBrokerAnswersWithinTheWait() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // a port nothing listens on: the first attempt times out, and the wait is shorter than that
        int status = ProvisionTopics.run(new String[]{"--bootstrap-servers=127.0.0.1:1", "--wait=1s"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Kafka at 127.0.0.1:1 did not answer within PT1S");
    }
}
