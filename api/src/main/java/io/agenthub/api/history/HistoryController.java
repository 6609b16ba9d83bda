package io.agenthub.api.history;

import io.agenthub.api.agents.AgentService;
import io.agenthub.api.agents.Agents;
import io.agenthub.api.app.ApiProperties;
import io.agenthub.api.auth.Caller;
import io.agenthub.api.web.InvalidRequestException;
import io.agenthub.api.web.PageCursor;
import io.agenthub.api.web.Params;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** What an agent did: its log, trades, refused orders, positions and P&L. Another user's agent answers 404. */
@RestController
public class HistoryController {

    static final Set<String> LEVELS = Set.of("INIT", "LLM", "START", "TICK", "ACTION", "SL_TP", "STOP", "ERROR", "WARN", "SUPERVISOR");

    public record Page<T>(List<T> items, String nextCursor) {
    }

    private final AgentService agents;
    private final AgentHistory history;
    private final int maxPageSize;

    public HistoryController(AgentService agents, AgentHistory history, ApiProperties properties) {
        this.agents = agents;
        this.history = history;
        this.maxPageSize = Math.max(properties.agents().maxPageSize(), 1000);
    }

    @GetMapping("/api/agents/{id}/logs")
    Page<AgentHistory.LogLine> logs(Authentication caller, @PathVariable String id,
                                    @RequestParam(required = false) String level,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(defaultValue = "100") int limit,
                                    @RequestParam(required = false) String cursor) {
        agents.history(Caller.id(caller), id);
        Set<String> levels = levels(level);
        int size = PageCursor.limit(limit, maxPageSize);
        List<AgentHistory.LogLine> rows = history.logs(id, levels, Params.instant("from", from, null), Params.instant("to", to, null), PageCursor.decode(cursor), size + 1);
        return page(rows, size, line -> new PageCursor(line.time(), line.eventId()));
    }

    @GetMapping("/api/agents/{id}/trades")
    Page<AgentHistory.Trade> trades(Authentication caller, @PathVariable String id,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(defaultValue = "100") int limit,
                                    @RequestParam(required = false) String cursor) {
        agents.history(Caller.id(caller), id);
        int size = PageCursor.limit(limit, maxPageSize);
        List<AgentHistory.Trade> rows = history.trades(id, Params.instant("from", from, null), Params.instant("to", to, null), PageCursor.decode(cursor), size + 1);
        return page(rows, size, trade -> new PageCursor(trade.time(), trade.eventId()));
    }

    @GetMapping("/api/agents/{id}/orders/refused")
    Page<AgentHistory.OrderEvent> refusedOrders(Authentication caller, @PathVariable String id,
                                                @RequestParam(defaultValue = "100") int limit,
                                                @RequestParam(required = false) String cursor) {
        agents.history(Caller.id(caller), id);
        int size = PageCursor.limit(limit, maxPageSize);
        List<AgentHistory.OrderEvent> rows = history.orderEvents(id, null, null, PageCursor.decode(cursor), size + 1);
        return page(rows, size, event -> new PageCursor(event.time(), event.eventId()));
    }

    @GetMapping("/api/agents/{id}/positions")
    AgentHistory.Positions positions(Authentication caller, @PathVariable String id) {
        agents.history(Caller.id(caller), id);
        return history.positions(id);
    }

    /** The audit trail: every planning and supervision decision, LLM or rule-based, with its reasoning. */
    @GetMapping("/api/agents/{id}/decisions")
    Page<AgentHistory.Decision> decisions(Authentication caller, @PathVariable String id,
                                          @RequestParam(required = false) String kind,
                                          @RequestParam(defaultValue = "50") int limit,
                                          @RequestParam(required = false) String cursor) {
        agents.history(Caller.id(caller), id);
        String wireKind = null;
        if (kind != null) {
            wireKind = kind.toUpperCase(Locale.ROOT);
            if (!wireKind.equals("PLANNING") && !wireKind.equals("SUPERVISION")) {
                throw InvalidRequestException.of("kind", "must be planning or supervision");
            }
        }
        int size = PageCursor.limit(limit, maxPageSize);
        List<AgentHistory.Decision> rows = history.decisions(id, wireKind, PageCursor.decode(cursor), size + 1);
        return page(rows, size, d -> new PageCursor(d.time(), d.eventId()));
    }

    /** What the agent trades on now: the configured strategy or the planner's latest plan, and the open position's levels. */
    public record Current(String strategyName, Map<String, BigDecimal> strategyParams, String source, AgentHistory.Plan plan,
                          BigDecimal stopLoss, BigDecimal takeProfit) {
    }

    @GetMapping("/api/agents/{id}/plan")
    Current plan(Authentication caller, @PathVariable String id) {
        Agents.Agent agent = agents.history(Caller.id(caller), id);
        AgentHistory.Plan plan = history.plan(id).orElse(null);
        AgentHistory.PositionChange open = positions(caller, id).current();
        boolean planned = plan != null && agent.spec().planner().enabled();
        return new Current(planned ? plan.strategyName() : agent.spec().strategyName(),
                planned ? plan.params() : agent.spec().strategyParams(), planned ? "planner" : "configuration", plan,
                open == null ? null : open.stopLoss(), open == null ? null : open.takeProfit());
    }

    @GetMapping("/api/agents/{id}/pnl")
    PnlSummary pnl(Authentication caller, @PathVariable String id) {
        agents.history(Caller.id(caller), id);
        return PnlSummary.of(history.positionChanges(id));
    }

    private static <T> Page<T> page(List<T> rows, int size, Function<T, PageCursor> cursorOf) {
        List<T> items = rows.size() > size ? rows.subList(0, size) : rows;
        return new Page<>(List.copyOf(items), rows.size() > size ? cursorOf.apply(rows.get(size - 1)).encode() : null);
    }

    private static Set<String> levels(String level) {
        Set<String> levels = new LinkedHashSet<>();
        if (level == null || level.isBlank()) {
            return levels;
        }
        for (String part : level.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(name)) {
                throw InvalidRequestException.of("level", "must be one or more of init, llm, start, tick, action, sl_tp, stop, error, warn, supervisor");
            }
            levels.add(name);
        }
        return levels;
    }
}
