package io.agenthub.testkit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integration test on the real embedded cluster (Kafka KRaft + PostgreSQL), started once per test JVM and shared.
 * Declare a {@link TestCluster} parameter to get a namespace of your own: unique topics, application ids, state
 * directories and databases.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalClusterExtension.class)
@Tag("integration")
public @interface EmbeddedClusterTest {
}
