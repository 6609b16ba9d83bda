package io.agenthub.api.auth;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.Collection;
import java.util.UUID;

/**
 * API keys: {@code ahk_} + 256 random bits, shown once at creation, stored as a SHA-256 digest with a short prefix
 * for recognition, revocable.
 */
@Repository
public class ApiKeys {

    public record Created(UUID id, String name, String prefix, String key, Instant createdAt) {
    }

    public record Listed(UUID id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Created create(UUID userId, String name) {
        String key = Digests.randomToken("ahk_");
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String prefix = key.substring(0, 10);
        jdbc.sql("INSERT INTO api_keys (id, user_id, name, prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, userId, name, prefix, Digests.sha256(key), Timestamp.from(now)).update();
        return new Created(id, name, prefix, key, now);
    }

    public List<Listed> list(UUID userId) {
        return jdbc.sql("SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_keys WHERE user_id = ? ORDER BY created_at, id")
                .param(userId)
                .query((rs, n) -> new Listed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        instant(rs.getObject(4, OffsetDateTime.class)), instant(rs.getObject(5, OffsetDateTime.class)),
                        instant(rs.getObject(6, OffsetDateTime.class))))
                .list();
    }

    /** @return whether the caller had such a key that was not yet revoked */
    public boolean revoke(UUID userId, UUID id) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), id, userId).update() == 1;
    }

    /** A live key: its id and its owner. */
    public record Key(UUID id, UUID userId) {
    }

    /** A live key, by its secret. Its last use is noted at most once a minute, so reads stay reads. */
    public Optional<Key> authenticate(String key) {
        if (key == null || !key.startsWith("ahk_") || key.length() > 100) {
            return Optional.empty();
        }
        String hash = Digests.sha256(key);
        record Live(UUID id, UUID userId, OffsetDateTime lastUsedAt) {
        }
        Optional<Live> live = jdbc.sql("SELECT id, user_id, last_used_at FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")
                .param(hash).query((rs, n) -> new Live(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class)))
                .optional();
        Instant now = clock.instant();
        live.filter(l -> l.lastUsedAt() == null || l.lastUsedAt().toInstant().isBefore(now.minusSeconds(60)))
                .ifPresent(l -> jdbc.sql("UPDATE api_keys SET last_used_at = ? WHERE key_hash = ?").params(Timestamp.from(now), hash).update());
        return live.map(l -> new Key(l.id(), l.userId()));
    }

    /** Which of {@code ids} are revoked (or gone). */
    public Set<UUID> revokedAmong(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<UUID> live = new HashSet<>(jdbc.sql("SELECT id FROM api_keys WHERE id IN (:ids) AND revoked_at IS NULL")
                .param("ids", List.copyOf(ids)).query(UUID.class).list());
        Set<UUID> revoked = new HashSet<>(ids);
        revoked.removeAll(live);
        return revoked;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
