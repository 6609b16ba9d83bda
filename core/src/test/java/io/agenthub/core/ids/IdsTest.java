package io.agenthub.core.ids;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTest {

    @Test
    void shouldReadAsItsTextWhenAnAgentIdIsWritten() {
        String uuid = UUID.randomUUID().toString();
        assertThat(AgentId.of(uuid).toString()).isEqualTo(uuid);
        assertThat(AgentId.of("a1")).isEqualTo(new AgentId("a1")).isLessThan(AgentId.of("a2"));
    }

    @Test
    void shouldRefuseWhenAnAgentIdCouldNotStandInAClientOrderIdOrAKey() {
        for (String bad : new String[] {"", "a b", "a/b", "x".repeat(65), "agent\n1"}) {
            assertThatThrownBy(() -> AgentId.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("agent id");
        }
        assertThatThrownBy(() -> AgentId.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldParseWhatCanBeAnAgentIdAndNothingElseWhenAWireRecordNamesAnAgent() {
        assertThat(AgentId.parse("agent-1")).contains(AgentId.of("agent-1"));
        assertThat(AgentId.parse("a/b")).isEmpty();
        assertThat(AgentId.parse("")).isEmpty();
        assertThat(AgentId.parse("x".repeat(65))).isEmpty();
        assertThat(AgentId.parse(null)).isEmpty();
    }

    @Test
    void shouldParseOnlyAUuidWhenAWireRecordNamesAUser() {
        UUID uuid = UUID.randomUUID();
        assertThat(UserId.parse(uuid.toString())).contains(UserId.of(uuid));
        assertThat(UserId.parse("owner-1")).isEmpty();
        assertThat(UserId.parse(null)).isEmpty();
        assertThat(UserId.of(uuid).toString()).isEqualTo(uuid.toString());
    }
}
