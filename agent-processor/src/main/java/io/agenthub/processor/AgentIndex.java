package io.agenthub.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A task's agents, by id and by the symbol they trade, and the bar intervals each symbol's market builds: the minute
 * (for the history) and every interval an agent of the symbol trades, ascending.
 */
final class AgentIndex {

    /** The intervals of a symbol no agent here trades: its minutes, for the history. */
    private static final int[] MINUTE_ONLY = {BarHistory.MINUTE_SECONDS};

    private final Map<String, HostedAgent> agents = new HashMap<>();
    private final Map<String, List<HostedAgent>> bySymbol = new HashMap<>();
    private final Map<String, int[]> intervalsBySymbol = new HashMap<>();

    void clear() {
        agents.clear();
        bySymbol.clear();
        intervalsBySymbol.clear();
    }

    HostedAgent get(String agentId) {
        return agents.get(agentId);
    }

    int size() {
        return agents.size();
    }

    /** The agents trading {@code symbol}, in the order they came (empty when none). */
    List<HostedAgent> trading(String symbol) {
        return bySymbol.getOrDefault(symbol, List.of());
    }

    /** The intervals {@code symbol}'s market builds bars of, ascending, the minute among them. */
    int[] intervals(String symbol) {
        return intervalsBySymbol.getOrDefault(symbol, MINUTE_ONLY);
    }

    /** Indexes an agent after a configuration: under its symbol now ({@code before}: the one it traded, or null). */
    void index(HostedAgent agent, String before, boolean fresh) {
        if (!fresh && before != null && !before.equals(agent.symbol())) {
            unindex(agent, before);
        }
        if (fresh || before == null || !before.equals(agent.symbol())) {
            add(agent);
        } else if (agent.symbol() != null) {
            reindexIntervals(agent.symbol());
        }
    }

    void add(HostedAgent agent) {
        agents.put(agent.agentId(), agent);
        String symbol = agent.symbol();
        if (symbol != null) {
            List<HostedAgent> list = bySymbol.computeIfAbsent(symbol, s -> new ArrayList<>());
            if (!list.contains(agent)) {
                list.add(agent);
            }
            reindexIntervals(symbol);
        }
    }

    void remove(HostedAgent agent) {
        agents.remove(agent.agentId());
        if (agent.symbol() != null) {
            unindex(agent, agent.symbol());
        }
    }

    private void unindex(HostedAgent agent, String symbol) {
        List<HostedAgent> list = bySymbol.get(symbol);
        if (list != null) {
            list.remove(agent);
            if (list.isEmpty()) {
                bySymbol.remove(symbol);
            }
        }
        reindexIntervals(symbol);
    }

    private void reindexIntervals(String symbol) {
        List<HostedAgent> list = bySymbol.get(symbol);
        if (list == null) {
            intervalsBySymbol.remove(symbol);
            return;
        }
        intervalsBySymbol.put(symbol, IntStream.concat(IntStream.of(BarHistory.MINUTE_SECONDS),
                list.stream().mapToInt(HostedAgent::intervalSeconds).filter(i -> i > 0)).distinct().sorted().toArray());
    }
}
