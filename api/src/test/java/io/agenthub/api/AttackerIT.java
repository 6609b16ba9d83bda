package io.agenthub.api;

import io.agenthub.api.app.ApiProperties;
import io.agenthub.testkit.api.HubApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API as an attacker tries it (OWASP API Top 10, OAuth 2.0 Security BCP): a stolen refresh token replayed, a
 * socket kept open on an expired token or a revoked key, weak passwords, addresses probed through registration. The
 * per-user isolation of every route is {@link IsolationIT}'s.
 */
class AttackerIT extends ApiIntegrationTest {

    /** What a socket heard, and how it was closed. */
    private static final class Socket implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            messages.add(data.toString());
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete("error " + error);
        }
    }

    private static Socket open(String query, Map<String, String> headers) {
        Socket socket = new Socket();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        builder.buildAsync(URI.create(api.baseUrl.replace("http", "ws") + "/ws" + query), socket).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.messages.stream().anyMatch(m -> m.contains("\"hello\"")));
        return socket;
    }

    @Test
    void shouldRevokeTheWholeSignInWhenARotatedRefreshTokenIsReplayed() {
        HubApiClient anonymous = api.client();
        String email = HubApiClient.uniqueEmail("victim");
        String password = "a sturdy passphrase for the victim";
        String stolen = anonymous.post("/api/auth/register", Map.of("email", email, "password", password)).field("refresh_token");

        // the victim refreshes first: the stolen token is spent, the victim holds the next one
        HubApiClient.Response rotated = anonymous.post("/api/auth/refresh", Map.of("refresh_token", stolen));
        assertThat(rotated.status()).isEqualTo(200);
        String victims = rotated.field("refresh_token");

        HubApiClient.Response replayed = anonymous.post("/api/auth/refresh", Map.of("refresh_token", stolen));
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.field("detail")).contains("sign in again");
        // the replay revoked the family: the token the victim holds is worth nothing now either
        assertThat(anonymous.post("/api/auth/refresh", Map.of("refresh_token", victims)).status()).isEqualTo(401);
        // signing in starts a new family, untouched by the revoked one
        HubApiClient.Response login = anonymous.post("/api/auth/login", Map.of("email", email, "password", password));
        assertThat(login.status()).isEqualTo(200);
        assertThat(anonymous.post("/api/auth/refresh", Map.of("refresh_token", login.field("refresh_token"))).status()).isEqualTo(200);
    }

    @Test
    void shouldCloseAWebSocketWithinSecondsWhenItsAccessTokenExpires() throws Exception {
        HubApiClient user = api.client().register("short-lived");
        Instant now = Instant.now();
        String expiring = api.bean(JwtEncoder.class).encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                JwtClaimsSet.builder().issuer(api.bean(ApiProperties.class).auth().issuer()).subject(user.userId()).issuedAt(now)
                        .expiresAt(now.plusSeconds(3)).id(UUID.randomUUID().toString()).build())).getTokenValue();
        Socket socket = open("?access_token=" + expiring, Map.of());

        String closed = socket.closed.get(15, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(closed).isEqualTo("1008 access token expired");
        assertThat(Instant.now()).isBefore(now.plusSeconds(3 + 5));
        assertThat(new HubApiClient(api.baseUrl).withHeader("Authorization", "Bearer " + expiring).get("/api/agents").status())
                .isEqualTo(401);
        assertThat(user.get("/api/agents").status()).as("the user's own session is untouched").isEqualTo(200);
    }

    @Test
    void shouldCloseAWebSocketAndRefuseTheKeyWhenItsApiKeyIsRevoked() throws Exception {
        HubApiClient owner = api.client().register("key-owner");
        HubApiClient.Response created = owner.post("/api/api-keys", Map.of("name", "script"));
        String key = created.field("key");
        Socket socket = open("", Map.of("X-API-Key", key));
        assertThat(new HubApiClient(api.baseUrl).withApiKey(key).get("/api/agents").status()).isEqualTo(200);

        assertThat(owner.delete("/api/api-keys/" + created.field("id")).status()).isEqualTo(204);
        Instant revoked = Instant.now();
        String closed = socket.closed.get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(closed).isEqualTo("1008 API key revoked");
        assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(new HubApiClient(api.baseUrl).withApiKey(key).get("/api/agents").status()).isEqualTo(401);
    }

    @Test
    void shouldRefuseCommonShortAndGuessablePasswordsWhenRegistering() {
        HubApiClient anonymous = api.client();
        String email = HubApiClient.uniqueEmail("weak");
        String name = email.substring(0, email.indexOf('@'));
        Map<String, String> refused = Map.of(
                "aaaaaaaaaaaaaaaa", "too easy to guess",
                "password1234", "must be 15 to 256 characters",
                "passwordpassword123", "too easy to guess",
                "qwertyuiopasdfgh", "too easy to guess",
                "12345678901234567", "too easy to guess",
                name + "2024", "too easy to guess");
        refused.forEach((password, why) -> {
            HubApiClient.Response answer = anonymous.post("/api/auth/register", Map.of("email", email, "password", password));
            assertThat(answer.status()).as(password).isEqualTo(400);
            assertThat(answer.json().path("errors").get(0).path("field").asString()).as(password).isEqualTo("password");
            assertThat(answer.json().path("errors").get(0).path("message").asString()).as(password).contains(why);
        });
        // no composition rules: words and spaces make a good password, and any character counts
        assertThat(anonymous.post("/api/auth/register", Map.of("email", email, "password", "lantern orchid gravel tundra")).status())
                .isEqualTo(201);
        assertThat(anonymous.post("/api/auth/register", Map.of("email", HubApiClient.uniqueEmail("unicode"),
                "password", "çà et là, dix-sept ours bleus")).status()).isEqualTo(201);
    }

    @Test
    void shouldThrottleRegistrationWhenAClientProbesWhichAddressesHaveAccounts() throws Exception {
        String taken = HubApiClient.uniqueEmail("known");
        api.client().post("/api/auth/register", Map.of("email", taken, "password", "a sturdy passphrase for the known"));
        // the prober comes from an address of its own, so that the brake it meets is its own
        HubApiClient prober = HubApiClient.from(api.baseUrl, InetAddress.getByName("127.0.0.2"));

        for (int i = 0; i < 10; i++) {
            assertThat(prober.post("/api/auth/register", Map.of("email", taken, "password", "probing passphrase number " + i)).status())
                    .isEqualTo(409);
        }
        HubApiClient.Response braked = prober.post("/api/auth/register",
                Map.of("email", HubApiClient.uniqueEmail("unknown"), "password", "probing passphrase number ten"));

        assertThat(braked.status()).isEqualTo(429);
        assertThat(Long.parseLong(braked.headers().get("retry-after"))).isBetween(1L, 15 * 60L);
        assertThat(braked.field("detail")).contains("too many registrations");
        // everyone else registers as before
        assertThat(api.client().post("/api/auth/register", Map.of("email", HubApiClient.uniqueEmail("bystander"),
                "password", "a sturdy passphrase for the bystander")).status()).isEqualTo(201);
    }
}
