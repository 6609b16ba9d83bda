package io.agenthub.api.auth;

import io.agenthub.api.app.ApiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Access tokens (HS256 JWTs, short-lived, subject = user id) and refresh tokens (random, stored as digests, one use:
 * a refresh returns a new pair and spends the old refresh token). The refresh tokens of one sign-in form a family; a
 * spent token presented again revokes the family, so a stolen copy is worth at most one refresh, and the theft shows
 * (OAuth 2.0 Security BCP, refresh token rotation).
 */
@Component
public class Tokens {

    public record Pair(String accessToken, String refreshToken, long expiresInSeconds) {
    }

    /** A refresh: the user and their new pair, or why there is none. */
    public record Refresh(UUID userId, Pair pair, String refusal) {

        static Refresh refused(String why) {
            return new Refresh(null, null, why);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Tokens.class);
    private static final String REFUSED = "the refresh token is unknown, expired, revoked or already used: sign in again";

    private final JwtEncoder encoder;
    private final JdbcClient jdbc;
    private final ApiProperties.Auth settings;
    private final Clock clock;

    public Tokens(JwtEncoder encoder, JdbcClient jdbc, ApiProperties properties, Clock clock) {
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.settings = properties.auth();
        this.clock = clock;
    }

    /** The first pair of a sign-in: a new family of refresh tokens. */
    @Transactional
    public Pair issue(UUID userId) {
        return issue(userId, UUID.randomUUID());
    }

    private Pair issue(UUID userId, UUID family) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .subject(userId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(settings.accessTokenTtl()))
                .id(UUID.randomUUID().toString())
                .build();
        String access = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
        String refresh = Digests.randomToken("ahr_");
        jdbc.sql("INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at) VALUES (?, ?, ?, ?)")
                .params(Digests.sha256(refresh), userId, family, Timestamp.from(now.plus(settings.refreshTokenTtl()))).update();
        return new Pair(access, refresh, settings.accessTokenTtl().toSeconds());
    }

    /**
     * Spends a refresh token for the next pair of its family, if it is known, unspent, unrevoked and unexpired. A token
     * spent before revokes its family: whoever refreshed with it first, the other holder has a copy.
     */
    @Transactional
    public Refresh refresh(String refreshToken) {
        Instant now = clock.instant();
        String hash = Digests.sha256(refreshToken);
        record Stored(UUID userId, UUID family, Instant expiresAt, boolean used, boolean revoked) {
        }
        Optional<Stored> found = jdbc.sql("""
                        SELECT user_id, family_id, expires_at, used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked
                        FROM refresh_tokens WHERE token_hash = ? FOR UPDATE""")
                .param(hash)
                .query((rs, n) -> new Stored(rs.getObject("user_id", UUID.class), rs.getObject("family_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(), rs.getBoolean("used"), rs.getBoolean("revoked")))
                .optional();
        if (found.isEmpty() || found.get().revoked() || !found.get().expiresAt().isAfter(now)) {
            return Refresh.refused(REFUSED);
        }
        Stored token = found.get();
        if (token.used()) {
            int revoked = jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                    .params(Timestamp.from(now), token.family()).update();
            log.warn("a spent refresh token of user {} was presented again: its sign-in's {} refresh tokens are revoked", token.userId(),
                    revoked);
            return Refresh.refused(REFUSED);
        }
        jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?").params(Timestamp.from(now), hash).update();
        return new Refresh(token.userId(), issue(token.userId(), token.family()), null);
    }
}
