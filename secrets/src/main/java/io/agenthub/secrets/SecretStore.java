package io.agenthub.secrets;

import io.agenthub.core.ids.UserId;
import io.agenthub.core.ids.AgentId;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sealed secrets in PostgreSQL (table {@code secrets}, created by the API's migrations): user secrets have an empty
 * {@code agent_id}, agent overrides the agent's id. Values are sealed before they reach the database and opened only
 * in the memory of the process that asked.
 */
public final class SecretStore {

    /** A stored secret as a listing shows it: its name and when it was set, never its value. */
    public record Entry(String name, Instant updatedAt) {
    }

    private final DataSource dataSource;
    private final SecretCipher cipher;
    private final Clock clock;

    public SecretStore(DataSource dataSource, SecretCipher cipher, Clock clock) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.clock = clock;
    }

    public void put(SecretScope scope, String value) {
        if (value == null || value.isEmpty() || value.length() > 8192) {
            throw new SecretException("secret " + scope.name() + " must be 1 to 8192 characters");
        }
        SecretCipher.Sealed sealed = cipher.seal(scope, value);
        Timestamp now = Timestamp.from(clock.instant());
        update("""
                INSERT INTO secrets (owner_id, agent_id, name, key_id, nonce, ciphertext, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (owner_id, agent_id, name) DO UPDATE
                SET key_id = EXCLUDED.key_id, nonce = EXCLUDED.nonce, ciphertext = EXCLUDED.ciphertext, updated_at = EXCLUDED.updated_at""",
                scope.owner().value(), scope.agentColumn(), scope.name(), sealed.keyId(), sealed.nonce(), sealed.ciphertext(), now, now);
    }

    /** @return whether there was such a secret */
    public boolean delete(SecretScope scope) {
        return update("DELETE FROM secrets WHERE owner_id = ? AND agent_id = ? AND name = ?",
                scope.owner().value(), scope.agentColumn(), scope.name()) == 1;
    }

    /** Deletes every override of an agent (when the agent is deleted). */
    public int deleteAgent(UserId owner, AgentId agent) {
        return update("DELETE FROM secrets WHERE owner_id = ? AND agent_id = ?", owner.value(), agent.value());
    }

    /** The names of a user's secrets ({@code agent} null) or of an agent's overrides. */
    public List<Entry> list(UserId owner, AgentId agent) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT name, updated_at FROM secrets WHERE owner_id = ? AND agent_id = ? ORDER BY name")) {
            s.setObject(1, owner.value());
            s.setString(2, SecretScope.agentColumn(agent));
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getString(1), rs.getTimestamp(2).toInstant()));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new SecretException("cannot list secrets: " + e.getSQLState());
        }
    }

    /** The opened value, if the scope has one. */
    public Optional<String> read(SecretScope scope) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT key_id, nonce, ciphertext FROM secrets WHERE owner_id = ? AND agent_id = ? AND name = ?")) {
            s.setObject(1, scope.owner().value());
            s.setString(2, scope.agentColumn());
            s.setString(3, scope.name());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(cipher.open(scope, new SecretCipher.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3))));
            }
        } catch (SQLException e) {
            throw new SecretException("cannot read secret " + scope.name() + ": " + e.getSQLState());
        }
    }

    /** Re-seals every secret not sealed with the current master key; returns how many. */
    public int reseal() {
        String current = cipher.keys().currentId();
        record Row(SecretScope scope, SecretCipher.Sealed sealed) {
        }
        List<Row> old = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT owner_id, agent_id, name, key_id, nonce, ciphertext FROM secrets WHERE key_id <> ?")) {
            s.setString(1, current);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String agent = rs.getString(2);
                    old.add(new Row(new SecretScope(UserId.of(rs.getObject(1, UUID.class)), agent.isEmpty() ? null : AgentId.of(agent), rs.getString(3)),
                            new SecretCipher.Sealed(rs.getString(4), rs.getBytes(5), rs.getBytes(6))));
                }
            }
        } catch (SQLException e) {
            throw new SecretException("cannot read secrets to re-seal: " + e.getSQLState());
        }
        for (Row row : old) {
            SecretCipher.Sealed sealed = cipher.seal(row.scope(), cipher.open(row.scope(), row.sealed()));
            update("UPDATE secrets SET key_id = ?, nonce = ?, ciphertext = ? WHERE owner_id = ? AND agent_id = ? AND name = ? AND key_id = ?",
                    sealed.keyId(), sealed.nonce(), sealed.ciphertext(), row.scope().owner().value(), row.scope().agentColumn(), row.scope().name(),
                    row.sealed().keyId());
        }
        return old.size();
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            // the SQL state only: a driver message could quote a parameter
            throw new SecretException("cannot store secrets: SQL state " + e.getSQLState());
        }
    }
}
