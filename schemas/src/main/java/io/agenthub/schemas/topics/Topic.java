package io.agenthub.schemas.topics;

import org.apache.kafka.common.serialization.Serde;

import java.time.Duration;
import java.util.Objects;

/**
 * A topic of the contract: its name, the serdes of its key and value, and how it is laid out.
 *
 * @param keySpace  what the key is; all topics of one key space share a partition count so they co-partition
 * @param retention how long records are kept, or {@code null} for a compacted topic
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, KeySpace keySpace, Duration retention) {

    public enum KeySpace {
        /** keyed by canonical symbol (market data) */
        SYMBOL,
        /** keyed by agent id (everything about agents) */
        AGENT
    }

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(keySpace, "keySpace");
    }

    public boolean compacted() {
        return retention == null;
    }

    @Override
    public String toString() {
        return name;
    }
}
