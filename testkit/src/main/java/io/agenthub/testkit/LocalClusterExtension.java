package io.agenthub.testkit;

import io.agenthub.embedded.LocalCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts one {@link LocalCluster} per test JVM (in the root store, closed when the JVM's tests are done) and hands each
 * test a {@link TestCluster}: a namespace of its own on the shared cluster.
 */
public final class LocalClusterExtension implements ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(LocalClusterExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalClusterExtension.class);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestCluster.class || type == LocalCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalCluster cluster = shared(context);
        if (parameter.getParameter().getType() == LocalCluster.class) {
            return cluster;
        }
        String key = "test-cluster:" + context.getUniqueId();
        return context.getStore(NAMESPACE).computeIfAbsent(key,
                k -> new TestCluster(cluster, "t" + NAMESPACES.incrementAndGet()), TestCluster.class);
    }

    static LocalCluster shared(ExtensionContext context) {
        SharedCluster shared = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedCluster.class, k -> new SharedCluster(), SharedCluster.class);
        return shared.cluster;
    }

    /** Closed by JUnit with the root context, after the last test of the JVM. */
    private static final class SharedCluster implements AutoCloseable {
        private final LocalCluster cluster;

        SharedCluster() {
            try {
                // retention checks every 2 s instead of 5 min: a test whose data would be deleted by retention fails
                // every time, not once in a while
                this.cluster = LocalCluster.builder()
                        .kafkaOverrides(Map.of("log.retention.check.interval.ms", "1000", "log.initial.task.delay.ms", "0"))
                        .start();
            } catch (RuntimeException e) {
                throw new ParameterResolutionException("the embedded cluster (Kafka + PostgreSQL) did not start: " + e.getMessage(), e);
            }
            log.info("shared test cluster: Kafka {}, PostgreSQL port {}, started in {} ms",
                    cluster.bootstrapServers(), cluster.postgres().port(), cluster.startupTime().toMillis());
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
