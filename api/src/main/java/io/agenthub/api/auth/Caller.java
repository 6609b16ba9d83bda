package io.agenthub.api.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The authenticated user a request acts for: a JWT's subject or an API key's owner, both the user id. */
public final class Caller {

    private Caller() {
    }

    /** The details of a caller who authenticated with an API key: which key. */
    public record ApiKey(UUID id) {
    }

    /**
     * How long what the caller authenticated with is good for: an access token's expiry; empty for an API key (good
     * until revoked, see {@link #apiKey}).
     */
    public static Optional<Instant> validUntil(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken jwt ? Optional.ofNullable(jwt.getToken().getExpiresAt()) : Optional.empty();
    }

    /** The API key the caller authenticated with, if it was one. */
    public static Optional<UUID> apiKey(Authentication authentication) {
        return authentication != null && authentication.getDetails() instanceof ApiKey key ? Optional.of(key.id()) : Optional.empty();
    }

    public static UUID id(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("no authenticated caller");
        }
        return UUID.fromString(authentication.getName());
    }
}
