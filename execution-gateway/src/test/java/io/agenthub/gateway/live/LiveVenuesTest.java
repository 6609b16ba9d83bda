package io.agenthub.gateway.live;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.Venues;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry of live venues: an agent's orders go to its venue's adapter, and nowhere when it has none. */
class LiveVenuesTest {

    /** A venue adapter that routes every agent to one account and remembers what it was asked. */
    private static final class OneAccount implements LiveRoutes {
        final List<String> forgotten = new ArrayList<>();
        final Consumer<OrderUpdate> sink;
        boolean closed;

        OneAccount(Consumer<OrderUpdate> sink) {
            this.sink = sink;
        }

        @Override
        public Route route(LiveAgent agent) {
            return new Routed("one-" + agent.agentId(), null);
        }

        @Override
        public void forget(AgentId agentId) {
            forgotten.add(agentId.value());
        }

        @Override
        public Set<String> reconnected() {
            return Set.of("one");
        }

        @Override
        public boolean banned() {
            return false;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void shouldRouteAnAgentToItsVenuesAdapterWhenItIsRegistered() {
        List<OneAccount> opened = new ArrayList<>();
        Consumer<OrderUpdate> sink = update -> { };
        LiveVenues venues = LiveVenues.open(Map.of(Venues.HASHKEY, s -> {
            OneAccount adapter = new OneAccount(s);
            opened.add(adapter);
            return adapter;
        }), sink);
        LiveAgent agent = new LiveAgent("a1");
        agent.venue = Venues.HASHKEY;

        assertThat(venues.route(agent)).isEqualTo(new LiveRoutes.Routed("one-a1", null));
        assertThat(opened.getFirst().sink).as("the adapter's updates go to the executor").isSameAs(sink);
        venues.forget(AgentId.of("a1"));
        assertThat(opened.getFirst().forgotten).containsExactly("a1");
        assertThat(venues.reconnected()).containsExactly("one");
        venues.close();
        assertThat(opened.getFirst().closed).isTrue();
    }

    @Test
    void shouldHaltAnAgentWithTheReasonWhenItsVenueHasNoAdapter() {
        LiveVenues venues = LiveVenues.open(Map.of(Venues.HASHKEY, OneAccount::new), update -> { });
        LiveAgent agent = new LiveAgent("a2");
        agent.venue = "elsewhere";

        LiveRoutes.Route route = venues.route(agent);

        assertThat(route).isInstanceOf(LiveRoutes.Unroutable.class);
        LiveRoutes.Unroutable refused = (LiveRoutes.Unroutable) route;
        assertThat(refused.code()).isEqualTo("VENUE_UNKNOWN");
        assertThat(refused.halt()).isTrue();
        assertThat(refused.reason()).contains("elsewhere").contains(Venues.HASHKEY);
    }

    @Test
    void shouldRefuseToRegisterAnAdapterWhenItsNameIsNotALiveVenue() {
        assertThatThrownBy(() -> LiveVenues.open(Map.of(Venues.PAPER, OneAccount::new), update -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paper");
        assertThatThrownBy(() -> LiveVenues.open(Map.of("nasdaq", OneAccount::new), update -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nasdaq");
    }
}
