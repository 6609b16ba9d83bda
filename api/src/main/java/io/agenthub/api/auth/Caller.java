package io.agenthub.api.auth;

import org.springframework.security.core.Authentication;

import java.util.UUID;

/** The authenticated user a request acts for: a JWT's subject or an API key's owner, both the user id. */
public final class Caller {

    private Caller() {
    }

    public static UUID id(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("no authenticated caller");
        }
        return UUID.fromString(authentication.getName());
    }
}
