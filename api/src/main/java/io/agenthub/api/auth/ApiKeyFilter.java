package io.agenthub.api.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Authenticates a request that carries {@code X-API-Key}; a key that is unknown or revoked answers 401 at once. */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    /** The authority of a caller who authenticated with an API key rather than by signing in. */
    static final String API_KEY_AUTHORITY = "AUTH_API_KEY";

    private final ApiKeys keys;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyFilter(ApiKeys keys, AuthenticationEntryPoint entryPoint) {
        this.keys = keys;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeys.Key> live = keys.authenticate(key.strip());
        if (live.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("the API key is unknown or revoked"));
            return;
        }
        PreAuthenticatedAuthenticationToken authentication = new PreAuthenticatedAuthenticationToken(live.get().userId().toString(), null,
                List.of(new SimpleGrantedAuthority(API_KEY_AUTHORITY)));
        // which key it was (never the secret), for what outlives the request: a WebSocket closes when its key is revoked
        authentication.setDetails(new Caller.ApiKey(live.get().id()));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
