package io.agenthub.api;

import io.agenthub.schemas.topics.Topics;
import io.agenthub.testkit.EmbeddedClusterTest;
import io.agenthub.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One API per test class on its own namespace of the shared cluster, started before the first test and closed after the last. */
@EmbeddedClusterTest
abstract class ApiIntegrationTest {

    static RunningApi api;
    static TestCluster cluster;
    static Topics topics;

    @BeforeAll
    static void startApi(TestCluster testCluster) {
        cluster = testCluster;
        api = new RunningApi(cluster);
        topics = cluster.topics();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }
}
