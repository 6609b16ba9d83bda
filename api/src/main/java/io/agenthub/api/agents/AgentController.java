package io.agenthub.api.agents;

import io.agenthub.api.app.ApiProperties;
import io.agenthub.api.auth.Caller;
import io.agenthub.api.secrets.PlainSecrets;
import jakarta.servlet.http.HttpServletRequest;
import io.agenthub.api.web.InvalidRequestException;
import io.agenthub.api.web.PageCursor;
import io.agenthub.core.market.Instruments;
import io.agenthub.schemas.events.AgentState;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.Locale;

/** The caller's agents: create, list, get, start, stop, delete. Another user's agent answers 404. */
@RestController
public class AgentController {

    /** A page of agents, newest first; {@code next_cursor} fetches the next page, {@code null} at the end. */
    public record Page(List<AgentView> items, String nextCursor) {
    }

    private final AgentService service;
    private final Instruments instruments;
    private final int maxPageSize;
    private final PlainSecrets plainSecrets;

    public AgentController(AgentService service, Instruments instruments, ApiProperties properties, PlainSecrets plainSecrets) {
        this.service = service;
        this.plainSecrets = plainSecrets;
        this.instruments = instruments;
        this.maxPageSize = properties.agents().maxPageSize();
    }

    @PostMapping("/api/agents")
    ResponseEntity<AgentView> create(Authentication caller, @Valid @RequestBody AgentRequest request, HttpServletRequest http) {
        Agents.Agent agent = service.create(Caller.id(caller), request, plainSecrets.ephemeral(http));
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(agent.id()).toUri())
                .body(AgentView.of(agent));
    }

    @GetMapping("/api/agents")
    Page list(Authentication caller,
              @RequestParam(required = false) String status,
              @RequestParam(required = false) String symbol,
              @RequestParam(defaultValue = "50") int limit,
              @RequestParam(required = false) String cursor) {
        PageCursor.limit(limit, maxPageSize);
        String state = null;
        if (status != null) {
            try {
                state = AgentState.valueOf(status.toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                throw InvalidRequestException.of("status", "must be one of creating, running, stopped, error");
            }
        }
        String canonical = null;
        if (symbol != null) {
            try {
                canonical = instruments.resolve(symbol).symbol().toString();
            } catch (IllegalArgumentException e) {
                throw InvalidRequestException.of("symbol", e.getMessage());
            }
        }
        List<Agents.Agent> rows = service.page(Caller.id(caller), state, canonical, PageCursor.decode(cursor), limit + 1);
        List<AgentView> items = rows.stream().limit(limit).map(AgentView::of).toList();
        String next = rows.size() > limit ? new PageCursor(rows.get(limit - 1).createdAt(), rows.get(limit - 1).id()).encode() : null;
        return new Page(items, next);
    }

    @GetMapping("/api/agents/{id}")
    AgentView get(Authentication caller, @PathVariable String id) {
        return AgentView.of(service.get(Caller.id(caller), id));
    }

    /** The agent after the change, with the fields that changed ({@code changed}, empty when nothing did). */
    public record PatchResult(AgentView agent, List<String> changed) {
    }

    @PatchMapping("/api/agents/{id}")
    PatchResult patch(Authentication caller, @PathVariable String id, @Valid @RequestBody AgentPatch patch, HttpServletRequest http) {
        AgentService.Patched patched = service.patch(Caller.id(caller), id, patch, plainSecrets.ephemeral(http));
        return new PatchResult(AgentView.of(patched.agent()), patched.changed());
    }

    public record KillAll(@NotNull @Pattern(regexp = "KILL_ALL", message = "must be KILL_ALL") String confirm) {
    }

    public record Killed(int stopped, List<String> agentIds) {
    }

    /** Stops every agent of the caller; paper positions are closed at market first. */
    @PostMapping("/api/agents/kill-all")
    Killed killAll(Authentication caller, @Valid @RequestBody KillAll request) {
        List<Agents.Agent> stopped = service.killAll(Caller.id(caller));
        return new Killed(stopped.size(), stopped.stream().map(Agents.Agent::id).toList());
    }

    @PostMapping("/api/agents/{id}/start")
    AgentView start(Authentication caller, @PathVariable String id, HttpServletRequest http) {
        return AgentView.of(service.start(Caller.id(caller), id, plainSecrets.ephemeral(http)));
    }

    @PostMapping("/api/agents/{id}/stop")
    AgentView stop(Authentication caller, @PathVariable String id) {
        return AgentView.of(service.stop(Caller.id(caller), id));
    }

    @DeleteMapping("/api/agents/{id}")
    ResponseEntity<Void> delete(Authentication caller, @PathVariable String id,
                                @RequestParam(name = "close_position", defaultValue = "false") boolean closePosition) {
        service.delete(Caller.id(caller), id, closePosition);
        return ResponseEntity.noContent().build();
    }
}
