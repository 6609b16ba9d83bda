package io.agenthub.secrets;

import io.agenthub.core.ids.UserId;
import io.agenthub.core.ids.AgentId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way every service finds a secret, first match wins: an ephemeral override given with the request (held in
 * memory only: the API's request's own headers, or, in the gateway and the supervisor, the {@link SecretOverrides} of
 * the request that started the agent) → the agent's secret → its owner's secret → the process environment. The
 * gateway and the supervisor resolve HashKey and LLM keys through it; the API checks with it that a live agent can
 * trade.
 */
public final class SecretResolver {

    public enum Source { EPHEMERAL, AGENT, USER, ENVIRONMENT }

    /** A resolved secret. {@link #toString()} never shows the value. */
    public record Resolved(String name, String value, Source source) {
        @Override
        public String toString() {
            return "Resolved[" + name + " from " + source + "]";
        }
    }

    private final SecretStore store;
    private final Function<String, String> environment;
    private final SecretOverrides overrides;

    public SecretResolver(SecretStore store, Function<String, String> environment) {
        this(java.util.Objects.requireNonNull(store, "store"), environment, SecretOverrides.none());
    }

    private SecretResolver(SecretStore store, Function<String, String> environment, SecretOverrides overrides) {
        this.store = store;
        this.environment = environment;
        this.overrides = overrides;
    }

    /** This resolver, with the overrides that reached the service as its first source. */
    public SecretResolver withOverrides(SecretOverrides overrides) {
        return new SecretResolver(store, environment, overrides);
    }

    /**
     * The resolver of a service that reads the API's secret store: PostgreSQL at {@code jdbcUrl} (user and password may
     * be blank), opened with the API's master keys; without a URL, overrides and the environment only.
     *
     * @throws IllegalStateException when a store is named without the master keys to open it
     */
    public static SecretResolver connect(String jdbcUrl, String username, String password, String masterKeys,
                                         Function<String, String> environment, java.time.Clock clock) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return environmentOnly(environment);
        }
        if (masterKeys == null || masterKeys.isBlank()) {
            throw new IllegalStateException("a secret store needs the API's master keys to read the secrets it sealed");
        }
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        if (username != null && !username.isBlank()) {
            dataSource.setUser(username);
        }
        if (password != null && !password.isBlank()) {
            dataSource.setPassword(password);
        }
        return new SecretResolver(new SecretStore(dataSource, new SecretCipher(MasterKeys.parse(masterKeys)), clock), environment);
    }

    /** Where no secret store is reachable (a service run without the API's database): overrides, then the environment. */
    public static SecretResolver environmentOnly(Function<String, String> environment) {
        return new SecretResolver(null, environment, SecretOverrides.none());
    }

    /** {@code name} for the agent, its overrides first (those its starting request left with this service). */
    public Optional<Resolved> resolve(String name, UserId owner, AgentId agent) {
        return resolve(name, owner, agent, Map.of());
    }

    /** As above, with the overrides of the request being served ({@code ephemeral}) first of all. */
    public Optional<Resolved> resolve(String name, UserId owner, AgentId agent, Map<String, String> ephemeral) {
        String override = ephemeral.get(name);
        if (override != null && !override.isEmpty()) {
            return Optional.of(new Resolved(name, override, Source.EPHEMERAL));
        }
        Optional<String> held = overrides.value(owner, agent, name);
        if (held.isPresent()) {
            return Optional.of(new Resolved(name, held.get(), Source.EPHEMERAL));
        }
        if (store != null && owner != null && agent != null) {
            Optional<String> agents = store.read(SecretScope.agent(owner, agent, name));
            if (agents.isPresent()) {
                return Optional.of(new Resolved(name, agents.get(), Source.AGENT));
            }
        }
        Optional<String> user = store == null || owner == null ? Optional.empty() : store.read(SecretScope.user(owner, name));
        if (user.isPresent()) {
            return Optional.of(new Resolved(name, user.get(), Source.USER));
        }
        String env = environment.apply(name);
        if (env != null && !env.isEmpty()) {
            return Optional.of(new Resolved(name, env, Source.ENVIRONMENT));
        }
        return Optional.empty();
    }
}
