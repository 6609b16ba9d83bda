package io.agenthub.ingest;

import io.agenthub.ingest.config.FeedKind;
import io.agenthub.ingest.config.IngestProperties;
import io.agenthub.kafka.KafkaSettings;
import io.agenthub.testkit.TestCluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Ingest settings pointing at a test's namespace on the shared cluster. */
final class TestIngestProperties {

    private TestIngestProperties() {
    }

    static IngestProperties replay(TestCluster cluster, Path file, double speed) {
        return of(cluster, FeedKind.REPLAY, new IngestProperties.Replay(file, "BTC/USDT", speed, false, false, Duration.ZERO), defaultSynthetic());
    }

    static IngestProperties synthetic(TestCluster cluster, IngestProperties.Synthetic synthetic) {
        return of(cluster, FeedKind.SYNTHETIC, new IngestProperties.Replay(null, "BTC/USDT", 0, false, false, Duration.ZERO), synthetic);
    }

    /** The HashKey feed against a local peer. */
    static IngestProperties hashKey(TestCluster cluster, URI rest, URI ws) {
        IngestProperties base = of(cluster, FeedKind.HASHKEY, new IngestProperties.Replay(null, "BTC/USDT", 0, false, false, Duration.ZERO), defaultSynthetic());
        return new IngestProperties(base.kafka(), base.feed(), base.symbols(), base.replay(), base.synthetic(),
                new IngestProperties.HashKey(false, rest.toString(), ws.toString(), Duration.ofSeconds(1), Duration.ofSeconds(5)),
                base.bars(), base.watermarkInterval());
    }

    static IngestProperties.Synthetic defaultSynthetic() {
        return new IngestProperties.Synthetic(7, Duration.ofMillis(250), 0, 0.5, 1.5, 0.5, 0.05, Duration.ZERO);
    }

    static IngestProperties of(TestCluster cluster, FeedKind feed, IngestProperties.Replay replay, IngestProperties.Synthetic synthetic) {
        cluster.topics();
        String appId = cluster.applicationId("bars");
        return new IngestProperties(
                new KafkaSettings(cluster.bootstrapServers(), cluster.namespace() + ".", appId, cluster.stateDir(appId), 1),
                feed, List.of("BTC/USDT"), replay, synthetic,
                new IngestProperties.HashKey(false, "", "", Duration.ofSeconds(1), Duration.ofSeconds(5)),
                new IngestProperties.Bars(true, List.of("1s", "1m"), Duration.ofSeconds(2)),
                Duration.ofMillis(200));
    }
}
