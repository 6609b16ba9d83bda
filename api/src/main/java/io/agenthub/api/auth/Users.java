package io.agenthub.api.auth;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

/** The {@code users} table. E-mail addresses are compared lower-cased. */
@Repository
public class Users {

    public record User(UUID id, String email, String passwordHash) {
    }

    private final JdbcClient jdbc;

    public Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new user, or empty when the e-mail address is taken */
    public Optional<User> create(String email, String passwordHash) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("INSERT INTO users (id, email, password_hash) VALUES (?, ?, ?)")
                    .params(id, normalize(email), passwordHash).update();
            return Optional.of(new User(id, normalize(email), passwordHash));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    public Optional<User> byEmail(String email) {
        return jdbc.sql("SELECT id, email, password_hash FROM users WHERE email = ?").param(normalize(email))
                .query((rs, n) -> new User(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).optional();
    }

    static String normalize(String email) {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
