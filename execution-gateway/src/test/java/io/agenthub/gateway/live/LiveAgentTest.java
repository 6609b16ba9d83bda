package io.agenthub.gateway.live;

import io.agenthub.core.broker.Venues;
import io.agenthub.core.market.Symbol;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The live agent's journal record: what it keeps of the position's venue-side stop orders survives a restart. */
class LiveAgentTest {

    @Test
    void shouldKeepBothProtectiveOrdersWhenWrittenAndReadBack() throws IOException {
        LiveAgent agent = new LiveAgent("agent-1");
        agent.ownerId = "6f1c2a3e-0000-4000-8000-000000000001";
        agent.symbol = new Symbol("BTC", "USDT");
        agent.perpetual = true;
        agent.position = new BigDecimal("-0.03");
        agent.stop.set("agent-1-4-3", new BigDecimal("23460"), new BigDecimal("0.03"));
        agent.target.set("agent-1-4-4", new BigDecimal("22000"), new BigDecimal("0.03"));
        agent.nextGuardLeg = 5;
        agent.positionSequence = 4;
        agent.venue = "another-venue";

        LiveAgent read = roundTrip(agent);

        assertThat(read.venue()).isEqualTo("another-venue");
        assertThat(read.stop.holds(new BigDecimal("23460.0"), new BigDecimal("0.030"))).isTrue();
        assertThat(read.stop.id).isEqualTo("agent-1-4-3");
        assertThat(read.target.id).isEqualTo("agent-1-4-4");
        assertThat(read.target.holds(new BigDecimal("22000"), new BigDecimal("0.03"))).isTrue();
        assertThat(read.target.holds(new BigDecimal("22000"), new BigDecimal("0.04"))).as("another quantity").isFalse();
        assertThat(read.nextGuardLeg).isEqualTo(5);
        assertThat(read.positionSequence).isEqualTo(4);
        assertThat(read.position).isEqualByComparingTo("-0.03");
    }

    @Test
    void shouldReadARecordOfTheReleaseWithOnlyAStopLossWhenItHasNoTakeProfit() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeUTF("agent-2");
            out.writeUTF("");
            out.writeBoolean(true);
            out.writeUTF("BTC");
            out.writeUTF("USDT");
            out.writeByte(1);
            out.writeUTF("0.02");
            out.writeUTF("");
            out.writeLong(0);
            out.writeUTF("agent-2-1-1");
            out.writeUTF("22540");
            out.writeInt(2);
            out.writeLong(1);
        }

        LiveAgent read = LiveAgent.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read.stop.id).isEqualTo("agent-2-1-1");
        assertThat(read.stop.holds(new BigDecimal("22540"), new BigDecimal("0.02"))).as("its quantity was not recorded").isTrue();
        assertThat(read.target.isSet()).isFalse();
        assertThat(read.nextGuardLeg).isEqualTo(2);
        assertThat(read.venue()).as("the only live venue before venues were named").isEqualTo(Venues.HASHKEY);
    }

    private static LiveAgent roundTrip(LiveAgent agent) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            agent.write(out);
        }
        return LiveAgent.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
