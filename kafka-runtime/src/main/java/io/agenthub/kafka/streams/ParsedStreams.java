package io.agenthub.kafka.streams;

import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.topics.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.util.Map;

/**
 * {@link DecodeOrDeadLetter} for the DSL: a source topic read as raw bytes, every record parsed, the good ones
 * returned as a typed stream and the bad ones written to the topic's dead-letter topic in the same task (so, under
 * exactly-once, in the same transaction as the offset that consumed them).
 */
public final class ParsedStreams {

    private ParsedStreams() {
    }

    @SuppressWarnings("unchecked")
    public static <K, V> KStream<K, V> stream(StreamsBuilder builder, String application, Topic<?, ?> source,
                                              Topic<byte[], DeadLetter> deadLetters, String name, RecordParser<K, V> parser) {
        KStream<byte[], byte[]> raw = builder.stream(source.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source"));
        KStream<Object, Object> decoded = raw.process(
                () -> new DecodeOrDeadLetter<>(application, source.name(), parser, null, null), Named.as(name + "-parse"));
        Map<String, KStream<Object, Object>> branches = decoded.split(Named.as(name + "-"))
                .branch((key, value) -> value instanceof DeadLetter, Branched.as("dead"))
                .defaultBranch(Branched.as("parsed"));
        ((KStream<byte[], DeadLetter>) (KStream<?, ?>) branches.get(name + "-dead"))
                .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde()).withName(name + "-dlq"));
        return (KStream<K, V>) (KStream<?, ?>) branches.get(name + "-parsed");
    }
}
