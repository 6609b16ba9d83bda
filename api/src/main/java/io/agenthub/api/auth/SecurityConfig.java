package io.agenthub.api.auth;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.agenthub.api.app.ApiProperties;
import io.agenthub.api.web.ProblemResponses;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Stateless auth: {@code Authorization: Bearer <jwt>} or {@code X-API-Key}; everything under {@code /api} needs one,
 * except registering, logging in, refreshing and the strategy catalogue. Failures answer problem JSON.
 */
@Configuration
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecretKey accessTokenKey(ApiProperties properties) {
        String secret = properties.auth().jwtSecret();
        byte[] key;
        if (secret.isEmpty()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            log.info("agenthub.api.auth.jwt-secret is not set: access tokens are signed with a random key and end with this process");
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalStateException("agenthub.api.auth.jwt-secret must be at least 32 bytes (HS256)");
            }
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey accessTokenKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(accessTokenKey));
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey accessTokenKey, ApiProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(accessTokenKey).macAlgorithm(MacAlgorithm.HS256).build();
        // this API signs and checks its own tokens on one clock: no skew, so a token ends for every route at its expiry, as
        // the WebSockets it opened do
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ZERO),
                new JwtIssuerValidator(properties.auth().issuer())));
        return decoder;
    }

    /** The routes anyone may call; they need no identity and read none. */
    public static final String[] PUBLIC_API = {"/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/strategies", "/api/strategies/**",
            "/api/secrets/transport-key", "/api/market/**", "/api/leaderboard"};

    /**
     * Bearer tokens come in the {@code Authorization} header; only the WebSocket handshake at {@code /ws} may carry one
     * as {@code ?access_token=}, because browsers cannot set headers on a WebSocket. The public routes read none: a
     * client that signs in again with the stale token of its last session still in its header gets in, not a 401 for
     * a token the route never needed.
     */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> publicRoutes = Arrays.stream(PUBLIC_API).map(p -> (RequestMatcher) paths.matcher(p)).toList();
        return request -> {
            if ("/ws".equals(request.getRequestURI())) {
                return headerOrQuery.resolve(request);
            }
            return publicRoutes.stream().anyMatch(route -> route.matches(request)) ? null : header.resolve(request);
        };
    }

    /** Argon2id with Spring Security's current defaults (16 MiB, 2 iterations). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /** Routes a signed-in user (a Bearer access token) may call and an API key may not: the keys themselves. */
    public static final String[] SIGNED_IN_ONLY = {"/api/api-keys", "/api/api-keys/**"};

    private static boolean signedInOnly(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/api-keys") || path.startsWith("/api/api-keys/");
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeys apiKeys) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
                e.getMessage() != null && e.getMessage().contains("API key") ? e.getMessage()
                        : "authentication required: a valid Bearer access token or X-API-Key", null);
        };
        AccessDeniedHandler forbidden = (request, response, e) -> ProblemResponses.write(response, HttpStatus.FORBIDDEN,
                signedInOnly(request) ? "an API key cannot manage API keys: sign in and use the Bearer access token" : "forbidden", null);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_API).permitAll()
                        // the probes on the API port; the actuator (metrics) listens on a loopback-only management port
                        .requestMatchers("/livez", "/readyz", "/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // the container's error dispatches render problems; a request for /error itself is no route
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/error").denyAll()
                        // the dashboard's static files; everything they show comes from the API with the user's token
                        .requestMatchers("/", "/index.html", "/favicon.ico", "/dashboard/**").permitAll()
                        // least privilege: a leaked key cannot mint keys that outlive its own revocation
                        .requestMatchers(SIGNED_IN_ONLY).access((authentication, context) -> new AuthorizationDecision(
                                authentication.get().isAuthenticated() && !(authentication.get() instanceof AnonymousAuthenticationToken)
                                        && authentication.get().getAuthorities().stream()
                                        .noneMatch(a -> ApiKeyFilter.API_KEY_AUTHORITY.equals(a.getAuthority()))))
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()).authenticationEntryPoint(unauthorized))
                .addFilterBefore(new ApiKeyFilter(apiKeys, unauthorized), BearerTokenAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable());
        return http.build();
    }
}
