package io.agenthub.kafka.topics;

import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.TopicLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Creates the catalogue's topics that are missing and checks the ones that exist: a topic with another partition
 * count than its key space would silently break co-partitioning, so it is an error, not a warning.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final TopicLayout layout;

    public TopicProvisioner(Admin admin, TopicLayout layout) {
        this.admin = admin;
        this.layout = layout;
    }

    /** @return the names of the topics it created */
    public List<String> ensure(Collection<Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<Topic<?, ?>> present = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (existing.contains(topic.name())) {
                    present.add(topic);
                } else {
                    missing.add(newTopic(topic));
                }
            }
            verifyPartitions(present);
            if (!missing.isEmpty()) {
                create(missing);
                awaitLeaders(missing.stream().map(NewTopic::name).toList());
                log.info("created {} topics: {}", missing.size(), missing.stream().map(NewTopic::name).sorted().toList());
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot provision topics: " + e.getMessage(), e);
        }
    }

    private void create(List<NewTopic> missing) throws InterruptedException, ExecutionException, TimeoutException {
        var results = admin.createTopics(missing).values();
        for (var entry : results.entrySet()) {
            try {
                entry.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Producers that start right after creation would otherwise meet NOT_LEADER errors until leaders are elected. */
    private void awaitLeaders(List<String> names) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (leadersKnown(names)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics have no leader after 30 s: " + names);
            }
            Thread.sleep(50);
        }
    }

    private boolean leadersKnown(List<String> names) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            return described.values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created, but not yet in the metadata this broker serves
            }
            throw e;
        }
    }

    private void verifyPartitions(List<Topic<?, ?>> present) throws InterruptedException, ExecutionException, TimeoutException {
        if (present.isEmpty()) {
            return;
        }
        Map<String, Topic<?, ?>> byName = present.stream().collect(Collectors.toMap(Topic::name, t -> t));
        Map<String, TopicDescription> descriptions = admin.describeTopics(byName.keySet()).allTopicNames().get(30, TimeUnit.SECONDS);
        List<String> wrong = new ArrayList<>();
        for (TopicDescription description : descriptions.values()) {
            int expected = layout.partitionsOf(byName.get(description.name()));
            int actual = description.partitions().size();
            if (actual != expected) {
                wrong.add(description.name() + " has " + actual + " partitions, its key space needs " + expected);
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("existing topics do not match the layout (co-partitioning would break): " + wrong);
        }
    }

    NewTopic newTopic(Topic<?, ?> topic) {
        Map<String, String> configs = new HashMap<>();
        if (topic.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
        }
        return new NewTopic(topic.name(), layout.partitionsOf(topic), layout.replicationFactor()).configs(configs);
    }
}
