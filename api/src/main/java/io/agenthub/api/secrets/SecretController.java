package io.agenthub.api.secrets;

import io.agenthub.api.agents.AgentService;
import io.agenthub.api.auth.Caller;
import io.agenthub.api.web.InvalidRequestException;
import io.agenthub.api.web.NotFoundException;
import io.agenthub.core.ids.AgentId;
import io.agenthub.core.ids.UserId;
import io.agenthub.secrets.SecretException;
import io.agenthub.secrets.SecretScope;
import io.agenthub.secrets.SecretStore;
import io.agenthub.secrets.TransportEnvelope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A user's secrets ({@code /api/secrets}) and an agent's overrides ({@code /api/agents/{id}/secrets}): set (as
 * {@code value}, or as {@code encrypted_value} sealed for {@code GET /api/secrets/transport-key}), list (names only)
 * and delete. No response ever carries a value; a plain {@code value} only comes where {@link PlainSecrets} allows it.
 */
@RestController
public class SecretController {

    public record SecretRequest(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}", message = "must be 1-64 upper-case letters, digits and '_', starting with a letter")
            String keyName,
            @Size(min = 1, max = 8192) String value,
            @Size(min = 1, max = 12_000) String encryptedValue) {
        @Override
        public String toString() {
            return "SecretRequest[" + keyName + ", ***]";
        }
    }

    public record SecretView(String keyName, String scope, Instant updatedAt) {
    }

    public record TransportKeyView(String keyId, String algorithm, String publicKey, String format) {
    }

    private final SecretStore store;
    private final TransportEnvelope.TransportKey transportKey;
    private final AgentService agents;
    private final PlainSecrets plain;

    public SecretController(SecretStore store, TransportEnvelope.TransportKey transportKey, AgentService agents, PlainSecrets plain) {
        this.store = store;
        this.transportKey = transportKey;
        this.agents = agents;
        this.plain = plain;
    }

    @GetMapping("/api/secrets/transport-key")
    TransportKeyView transportKey() {
        return new TransportKeyView(transportKey.keyId(), "X25519 + HKDF-SHA256 + AES-256-GCM",
                Base64.getEncoder().encodeToString(transportKey.publicKey()),
                "v1.<key_id>.<base64url(ephemeral X25519 public key | 12-byte nonce | ciphertext+tag)>; HKDF salt = ephemeral "
                        + "public | this public key, info = agenthub-secret-transport-v1; AES-GCM associated data = key_name");
    }

    @PostMapping("/api/secrets")
    SecretView setUserSecret(Authentication caller, @Valid @RequestBody SecretRequest request, HttpServletRequest http) {
        return set(SecretScope.user(UserId.of(Caller.id(caller)), request.keyName()), request, "user", http);
    }

    @GetMapping("/api/secrets")
    List<SecretView> userSecrets(Authentication caller) {
        return store.list(UserId.of(Caller.id(caller)), null).stream().map(e -> new SecretView(e.name(), "user", e.updatedAt())).toList();
    }

    @DeleteMapping("/api/secrets/{name}")
    ResponseEntity<Void> deleteUserSecret(Authentication caller, @PathVariable String name) {
        return delete(scope(() -> SecretScope.user(UserId.of(Caller.id(caller)), name)), name);
    }

    @PostMapping("/api/agents/{id}/secrets")
    SecretView setAgentSecret(Authentication caller, @PathVariable String id, @Valid @RequestBody SecretRequest request,
                              HttpServletRequest http) {
        UUID owner = Caller.id(caller);
        agents.get(owner, id);
        return set(SecretScope.agent(UserId.of(owner), AgentId.of(id), request.keyName()), request, "agent", http);
    }

    @GetMapping("/api/agents/{id}/secrets")
    List<SecretView> agentSecrets(Authentication caller, @PathVariable String id) {
        UUID owner = Caller.id(caller);
        agents.get(owner, id);
        return store.list(UserId.of(owner), AgentId.of(id)).stream().map(e -> new SecretView(e.name(), "agent", e.updatedAt())).toList();
    }

    @DeleteMapping("/api/agents/{id}/secrets/{name}")
    ResponseEntity<Void> deleteAgentSecret(Authentication caller, @PathVariable String id, @PathVariable String name) {
        UUID owner = Caller.id(caller);
        agents.get(owner, id);
        return delete(scope(() -> SecretScope.agent(UserId.of(owner), AgentId.of(id), name)), name);
    }

    private SecretView set(SecretScope scope, SecretRequest request, String level, HttpServletRequest http) {
        if ((request.value() == null) == (request.encryptedValue() == null)) {
            throw InvalidRequestException.of("value", "give exactly one of value and encrypted_value");
        }
        if (request.value() != null) {
            plain.check(http, "value");
        }
        String value;
        try {
            value = request.value() != null ? request.value() : TransportEnvelope.open(transportKey, scope.name(), request.encryptedValue());
        } catch (SecretException e) {
            throw InvalidRequestException.of("encrypted_value", e.getMessage());
        }
        store.put(scope, value);
        return new SecretView(scope.name(), level, Instant.now());
    }

    private ResponseEntity<Void> delete(SecretScope scope, String name) {
        if (!store.delete(scope)) {
            throw new NotFoundException("secret", name);
        }
        return ResponseEntity.noContent().build();
    }

    private static SecretScope scope(java.util.function.Supplier<SecretScope> scope) {
        try {
            return scope.get();
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("key_name", e.getMessage());
        }
    }
}
