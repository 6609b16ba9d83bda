package io.agenthub.kafka.streams;

/**
 * Turns a raw record into a validated value, or throws with a message that says what is wrong. Whatever it throws
 * sends the record to the dead-letter topic; nothing it throws reaches the stream thread.
 */
@FunctionalInterface
public interface RecordParser<K, V> {

    Parsed<K, V> parse(byte[] key, byte[] value) throws Exception;

    record Parsed<K, V>(K key, V value) {
    }
}
