package io.agenthub.kafka.streams;

import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records of the agent key space: what is not keyed by an agent id is refused (and so dead-lettered) with the reason. */
class AgentRecordsTest {

    private final Topic<String, AgentStatus> topic = Topics.standard().agentsStatus();
    private final RecordParser<String, AgentStatus> parser = AgentRecords.parser(topic, AgentStatus::getAgentId);

    private byte[] status(String agentId) {
        return topic.valueSerde().serializer().serialize(topic.name(), AgentStatus.newBuilder().setEventId("e1").setEventTime(Instant.EPOCH)
                .setAgentId(agentId).setStatus(AgentState.RUNNING).setConfigRevision(1).setReporter("test").build());
    }

    @Test
    void shouldTakeTheRecordWhenItsKeyIsTheAgentIdItCarries() throws Exception {
        assertThat(parser.parse("a-1".getBytes(StandardCharsets.UTF_8), status("a-1")).key()).isEqualTo("a-1");
    }

    @Test
    void shouldTakeASymbolKeyWhenTheTopicIsKeyedBySymbol() throws Exception {
        Topic<String, io.agenthub.schemas.events.Bar> bars = Topics.standard().marketBars(io.agenthub.core.market.Timeframe.ONE_MINUTE);
        RecordParser<String, io.agenthub.schemas.events.Bar> bySymbol = AgentRecords.parser(bars, io.agenthub.schemas.events.Bar::getSymbol);
        byte[] bar = bars.valueSerde().serializer().serialize(bars.name(), io.agenthub.schemas.events.Bar.newBuilder().setEventId("b1")
                .setEventTime(Instant.EPOCH).setSymbol("BTC/USDT").setTimeframe("1m").setOpenTime(Instant.EPOCH).setCloseTime(Instant.EPOCH)
                .setOpen(io.agenthub.schemas.Decimals.toWire(java.math.BigDecimal.ONE)).setHigh(io.agenthub.schemas.Decimals.toWire(java.math.BigDecimal.ONE)).setLow(io.agenthub.schemas.Decimals.toWire(java.math.BigDecimal.ONE))
                .setClose(io.agenthub.schemas.Decimals.toWire(java.math.BigDecimal.ONE)).setVolume(io.agenthub.schemas.Decimals.toWire(java.math.BigDecimal.ONE)).setTickCount(1).build());
        assertThat(bySymbol.parse("BTC/USDT".getBytes(StandardCharsets.UTF_8), bar).key()).isEqualTo("BTC/USDT");
    }

    @Test
    void shouldRefuseTheRecordWhenItsKeyCannotBeAnAgentId() {
        assertThatThrownBy(() -> parser.parse("a b".getBytes(StandardCharsets.UTF_8), status("a b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent id");
        assertThatThrownBy(() -> parser.parse("a-1".getBytes(StandardCharsets.UTF_8), status("a-2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }
}
