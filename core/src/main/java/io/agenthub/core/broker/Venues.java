package io.agenthub.core.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * The venues an agent can trade on, by the name its configuration and its orders carry: {@value #PAPER} (the
 * gateway's simulated venue) and the live ones, each a {@link Broker} adapter the execution gateway registers under
 * the same name. A new live venue is one line here and one where the gateway registers its adapter.
 */
public final class Venues {

    public static final String PAPER = "paper";
    public static final String HASHKEY = "hashkey";

    /** The live venues, in the order the API lists them. */
    private static final List<String> LIVE = List.of(HASHKEY);

    private Venues() {
    }

    public static List<String> live() {
        return LIVE;
    }

    /** Every venue, paper first. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(LIVE.size() + 1);
        all.add(PAPER);
        all.addAll(LIVE);
        return List.copyOf(all);
    }

    public static boolean known(String venue) {
        return PAPER.equals(venue) || LIVE.contains(venue);
    }

    public static boolean isLive(String venue) {
        return !PAPER.equals(venue);
    }

    /**
     * The venue of a configuration or an order: the one it names, or for a record of the release before venues were
     * named, the one its live flag meant ({@value #HASHKEY} when live, {@value #PAPER} when not).
     */
    public static String of(String named, boolean liveMode) {
        return named != null && !named.isBlank() ? named : liveMode ? HASHKEY : PAPER;
    }
}
