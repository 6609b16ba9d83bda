package io.agenthub.api.agents;

import io.agenthub.api.web.PageCursor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code agents} table: desired settings and state, and the observed status the projection keeps. */
@Repository
public class Agents {

    /** One agent as stored. {@code status} and {@code desiredState} are the wire enums' names. */
    public record Agent(String id, UUID ownerId, AgentSpec spec, long revision, String desiredState, String status,
                        String statusReason, Instant statusTime, Instant createdAt, Instant updatedAt) {

        /** The same agent after its owner changed what it should be; what was observed stays. */
        Agent changed(AgentSpec newSpec, long newRevision, String newDesiredState, Instant now) {
            return new Agent(id, ownerId, newSpec, newRevision, newDesiredState, status, statusReason, statusTime, createdAt, now);
        }
    }

    private static final String COLUMNS = "id, owner_id, spec, revision, desired_state, status, status_reason, status_time, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public Agents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Agent agent) {
        jdbc.sql("""
                        INSERT INTO agents (id, owner_id, symbol, strategy_name, live_mode, spec, revision, desired_state, status,
                                            created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(agent.id(), agent.ownerId(), agent.spec().symbol(), agent.spec().strategyName(), agent.spec().liveMode(),
                        json.writeValueAsString(agent.spec()), agent.revision(), agent.desiredState(), agent.status(),
                        Timestamp.from(agent.createdAt()), Timestamp.from(agent.updatedAt()))
                .update();
    }

    /** The owner's agent, locked for update when {@code forUpdate}; deleted agents are not found. */
    Optional<Agent> find(UUID ownerId, String id, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE id = ? AND owner_id = ? AND deleted_at IS NULL"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .params(id, ownerId).query(this::agent).optional();
    }

    /** The owner's agent, deleted or not (its history stays readable by its owner). */
    Optional<Agent> findWithDeleted(UUID ownerId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE id = ? AND owner_id = ?").params(id, ownerId).query(this::agent).optional();
    }

    List<Agent> page(UUID ownerId, String status, String symbol, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM agents WHERE owner_id = ? AND deleted_at IS NULL");
        List<Object> params = new ArrayList<>(List.of(ownerId));
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (symbol != null) {
            sql.append(" AND symbol = ?");
            params.add(symbol);
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(Timestamp.from(after.time()));
            params.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::agent).list();
    }

    /** Any owner's agent, deleted ones included (the runtime's view: it removes what was deleted). */
    public Optional<Agent> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE id = ?").param(id).query(this::agent).optional();
    }

    /** Every agent that is not deleted, of every owner. */
    public List<Agent> everyLive() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE deleted_at IS NULL ORDER BY created_at, id").query(this::agent).list();
    }

    /** The owner's agents that are not deleted, locked for update. */
    List<Agent> allLive(UUID ownerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE owner_id = ? AND deleted_at IS NULL ORDER BY created_at, id FOR UPDATE")
                .param(ownerId).query(this::agent).list();
    }

    void updateSpec(String id, AgentSpec spec, long revision, Instant now) {
        jdbc.sql("UPDATE agents SET spec = ?::jsonb, symbol = ?, strategy_name = ?, live_mode = ?, revision = ?, updated_at = ? WHERE id = ?")
                .params(json.writeValueAsString(spec), spec.symbol(), spec.strategyName(), spec.liveMode(), revision, Timestamp.from(now), id)
                .update();
    }

    long countLive(UUID ownerId) {
        return jdbc.sql("SELECT count(*) FROM agents WHERE owner_id = ? AND deleted_at IS NULL").param(ownerId).query(Long.class).single();
    }

    void updateDesired(String id, long revision, String desiredState, Instant now) {
        jdbc.sql("UPDATE agents SET revision = ?, desired_state = ?, updated_at = ?, deleted_at = CASE WHEN ? = 'DELETED' THEN ? ELSE deleted_at END WHERE id = ?")
                .params(revision, desiredState, Timestamp.from(now), desiredState, Timestamp.from(now), id).update();
    }

    private Agent agent(ResultSet rs, int row) throws SQLException {
        return new Agent(rs.getString("id"), rs.getObject("owner_id", UUID.class),
                json.readValue(rs.getString("spec"), AgentSpec.class), rs.getLong("revision"), rs.getString("desired_state"),
                rs.getString("status"), rs.getString("status_reason"), instant(rs.getObject("status_time", OffsetDateTime.class)),
                instant(rs.getObject("created_at", OffsetDateTime.class)), instant(rs.getObject("updated_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
