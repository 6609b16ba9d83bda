package io.agenthub.gateway.live;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.Venues;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The registry of live venues: each agent's orders go to the routes of the venue its configuration names
 * ({@link LiveAgent#venue()}). A venue is registered under its {@link Venues} name with the factory of its routes;
 * an agent whose venue has no adapter here cannot trade, and is halted with the reason.
 */
public final class LiveVenues implements LiveRoutes {

    /** Opens a venue's routes, given where the updates of every order routed there go. */
    @FunctionalInterface
    public interface Adapter extends Function<Consumer<OrderUpdate>, LiveRoutes> {
    }

    private final Map<String, LiveRoutes> venues;

    private LiveVenues(Map<String, LiveRoutes> venues) {
        this.venues = venues;
    }

    /** Opens every registered venue's routes, their updates all going to {@code sink}. */
    public static LiveVenues open(Map<String, Adapter> adapters, Consumer<OrderUpdate> sink) {
        Map<String, LiveRoutes> venues = new LinkedHashMap<>();
        adapters.forEach((name, adapter) -> {
            if (!Venues.known(name) || !Venues.isLive(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a live venue of " + Venues.live());
            }
            venues.put(name, adapter.apply(sink));
        });
        return new LiveVenues(venues);
    }

    /** The live venues with an adapter here. */
    public Set<String> names() {
        return venues.keySet();
    }

    @Override
    public Route route(LiveAgent agent) {
        LiveRoutes routes = venues.get(agent.venue());
        if (routes == null) {
            return new Unroutable("VENUE_UNKNOWN", "this gateway trades on " + venues.keySet() + ", not on '" + agent.venue() + "'", true);
        }
        return routes.route(agent);
    }

    @Override
    public void forget(AgentId agentId) {
        venues.values().forEach(routes -> routes.forget(agentId));
    }

    @Override
    public Set<String> reconnected() {
        Set<String> accounts = new HashSet<>();
        venues.values().forEach(routes -> accounts.addAll(routes.reconnected()));
        return accounts;
    }

    @Override
    public boolean banned() {
        return venues.values().stream().anyMatch(LiveRoutes::banned);
    }

    @Override
    public void close() {
        venues.values().forEach(LiveRoutes::close);
    }
}
