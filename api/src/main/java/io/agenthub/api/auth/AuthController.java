package io.agenthub.api.auth;

import io.agenthub.api.web.ConflictException;
import io.agenthub.api.web.InvalidRequestException;
import io.agenthub.api.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registration, login, token refresh, and the caller's API keys. */
@RestController
public class AuthController {

    /** A login; the password as it was chosen (accounts made under an older policy still sign in). */
    public record Credentials(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 1, max = 256, message = "must be 1 to 256 characters") String password) {
        @Override
        public String toString() {
            return "Credentials[email=" + email + ", password=***]";
        }
    }

    /** A new account; its password must pass the {@link PasswordPolicy}. */
    public record Registration(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(max = 256, message = "must be 15 to 256 characters") String password) {
        @Override
        public String toString() {
            return "Registration[email=" + email + ", password=***]";
        }
    }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[***]";
        }
    }

    public record Session(UUID userId, String tokenType, String accessToken, long expiresIn, String refreshToken) {
        static Session of(UUID userId, Tokens.Pair pair) {
            return new Session(userId, "Bearer", pair.accessToken(), pair.expiresInSeconds(), pair.refreshToken());
        }
    }

    public record NewApiKey(@NotBlank @Size(max = 100) String name) {
    }

    public record ApiKeyView(UUID id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    public record CreatedApiKey(UUID id, String name, String prefix, String key, Instant createdAt) {
    }

    private final Users users;
    private final PasswordEncoder passwords;
    private final Tokens tokens;
    private final ApiKeys apiKeys;
    private final LoginThrottle throttle;
    private final PasswordPolicy policy;
    /** Checked against when the e-mail is unknown, so a login takes as long whether or not the account exists. */
    private final String decoyHash;

    public AuthController(Users users, PasswordEncoder passwords, Tokens tokens, ApiKeys apiKeys, LoginThrottle throttle, PasswordPolicy policy) {
        this.throttle = throttle;
        this.policy = policy;
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.apiKeys = apiKeys;
        this.decoyHash = passwords.encode("decoy password that nobody has");
    }

    @PostMapping("/api/auth/register")
    ResponseEntity<?> register(@Valid @RequestBody Registration registration, HttpServletRequest http) {
        String client = http.getRemoteAddr();
        Optional<java.time.Duration> wait = throttle.registrationRetryAfter(client);
        if (wait.isPresent()) {
            return tooManyRequests(wait.get(), "too many registrations from this address");
        }
        Optional<String> refusal = policy.refusal(registration.password(), registration.email());
        if (refusal.isPresent()) {
            throw InvalidRequestException.of("password", refusal.get());
        }
        Optional<Users.User> user = users.create(registration.email(), passwords.encode(registration.password()));
        throttle.registering(client, user.isEmpty());
        if (user.isEmpty()) {
            throw new ConflictException("an account with this e-mail address exists");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Session.of(user.get().id(), tokens.issue(user.get().id())));
    }

    @PostMapping("/api/auth/login")
    ResponseEntity<?> login(@Valid @RequestBody Credentials credentials, HttpServletRequest http) {
        String client = http.getRemoteAddr();
        Optional<java.time.Duration> wait = throttle.retryAfter(credentials.email(), client);
        if (wait.isPresent()) {
            return tooManyRequests(wait.get(), "too many failed logins");
        }
        Optional<Users.User> user = users.byEmail(credentials.email());
        boolean matches = passwords.matches(credentials.password(), user.map(Users.User::passwordHash).orElse(decoyHash));
        if (user.isEmpty() || !matches) {
            throttle.failed(credentials.email(), client);
            return unauthorized("wrong e-mail address or password");
        }
        throttle.succeeded(credentials.email());
        return ResponseEntity.ok(Session.of(user.get().id(), tokens.issue(user.get().id())));
    }

    @PostMapping("/api/auth/refresh")
    ResponseEntity<?> refresh(@Valid @RequestBody RefreshRequest request) {
        Tokens.Refresh refresh = tokens.refresh(request.refreshToken());
        if (refresh.refusal() != null) {
            return unauthorized(refresh.refusal());
        }
        return ResponseEntity.ok(Session.of(refresh.userId(), refresh.pair()));
    }

    @PostMapping("/api/api-keys")
    ResponseEntity<CreatedApiKey> createApiKey(Authentication caller, @Valid @RequestBody NewApiKey request) {
        ApiKeys.Created created = apiKeys.create(Caller.id(caller), request.name().strip());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CreatedApiKey(created.id(), created.name(), created.prefix(), created.key(), created.createdAt()));
    }

    @GetMapping("/api/api-keys")
    List<ApiKeyView> apiKeys(Authentication caller) {
        return apiKeys.list(Caller.id(caller)).stream()
                .map(k -> new ApiKeyView(k.id(), k.name(), k.prefix(), k.createdAt(), k.lastUsedAt(), k.revokedAt()))
                .toList();
    }

    @DeleteMapping("/api/api-keys/{id}")
    ResponseEntity<Void> revokeApiKey(Authentication caller, @PathVariable UUID id) {
        if (!apiKeys.revoke(Caller.id(caller), id)) {
            throw new NotFoundException("API key", id.toString());
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<ProblemDetail> tooManyRequests(java.time.Duration wait, String why) {
        long seconds = Math.max(1, wait.toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(seconds))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, why + "; try again in " + seconds + " s"));
    }

    private static ResponseEntity<ProblemDetail> unauthorized(String detail) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail));
    }
}
