package io.agenthub.kafka.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How many partitions a topic has, which a service sizes its internal topics by; waits for the topic to exist. */
public final class TopicPartitions {

    private TopicPartitions() {
    }

    public static int count(String bootstrapServers, String topic, Duration wait) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                try {
                    return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions().size();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("cannot read the partitions of " + topic + " at " + bootstrapServers
                                + ": " + e.getCause().getMessage(), e.getCause());
                    }
                    Thread.sleep(500);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the partitions of " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + bootstrapServers + " about " + topic, e);
        }
    }
}
