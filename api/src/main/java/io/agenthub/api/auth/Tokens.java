package io.agenthub.api.auth;

import io.agenthub.api.app.ApiProperties;
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
 * a refresh returns a new pair and spends the old refresh token).
 */
@Component
public class Tokens {

    public record Pair(String accessToken, String refreshToken, long expiresInSeconds) {
    }

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

    @Transactional
    public Pair issue(UUID userId) {
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
        jdbc.sql("INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)")
                .params(Digests.sha256(refresh), userId, Timestamp.from(now.plus(settings.refreshTokenTtl()))).update();
        return new Pair(access, refresh, settings.accessTokenTtl().toSeconds());
    }

    /** Spends a refresh token: the user it belongs to, if it is known, unspent and unexpired. */
    @Transactional
    public Optional<UUID> spend(String refreshToken) {
        return jdbc.sql("""
                        UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
                        RETURNING user_id""")
                .params(Timestamp.from(clock.instant()), Digests.sha256(refreshToken), Timestamp.from(clock.instant()))
                .query(UUID.class).optional();
    }
}
