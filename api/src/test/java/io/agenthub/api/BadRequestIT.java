package io.agenthub.api;

import io.agenthub.testkit.api.HubApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input matrix of {@code POST /api/agents} and the auth routes: every malformed body, wrong type, missing
 * field, out-of-range value, unknown strategy or symbol, and oversized body gets the expected status and names the
 * field; nothing is created by a refused request.
 */
class BadRequestIT extends ApiIntegrationTest {

    private static HubApiClient user;

    @BeforeAll
    static void users() {
        user = api.client().register("matrix");
    }

    static Stream<Arguments> badAgents() {
        return Stream.of(
                bad("missing symbol", "{\"strategy_name\":\"rsi_signal\"}", 400, "symbol", "must not be blank"),
                bad("missing strategy", "{\"symbol\":\"BTC/USDT\"}", 400, "strategy_name", "must not be blank"),
                bad("unknown strategy", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"moon\"}", 400, "strategy_name", "not in the strategy catalogue"),
                bad("malformed symbol", "{\"symbol\":\"BTC//\",\"strategy_name\":\"rsi_signal\"}", 400, "symbol", "is not a symbol"),
                bad("unsupported symbol", "{\"symbol\":\"FOO/USDT\",\"strategy_name\":\"rsi_signal\"}", 400, "symbol", "not supported"),
                bad("interval zero", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"interval_seconds\":0}", 400, "interval_seconds", "greater than or equal to 1"),
                bad("interval too long", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"interval_seconds\":86401}", 400, "interval_seconds", "less than or equal to 86400"),
                bad("interval fractional", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"interval_seconds\":1.5}", 400, "interval_seconds", "must be an integer"),
                bad("interval as string", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"interval_seconds\":\"60\"}", 400, "interval_seconds", "must be an integer"),
                bad("leverage above 125", risk("\"leverage\":126"), 400, "risk_params.leverage", "less than or equal to 125"),
                bad("leverage zero", risk("\"leverage\":0"), 400, "risk_params.leverage", "greater than or equal to 1"),
                bad("leverage fractional", risk("\"leverage\":2.5"), 400, "risk_params.leverage", "must be an integer"),
                bad("negative position", risk("\"max_position_usd\":-5"), 400, "risk_params.max_position_usd", "greater than 0"),
                bad("zero stop", risk("\"stop_loss_pct\":0"), 400, "risk_params.stop_loss_pct", "greater than 0"),
                bad("stop above 50 %", risk("\"stop_loss_pct\":60"), 400, "risk_params.stop_loss_pct", "less than or equal to 50"),
                bad("stop beyond max loss", risk("\"stop_loss_pct\":5,\"max_loss_pct\":3"), 400, "risk_params.stop_loss_pct", "must not exceed max_loss_pct"),
                bad("take profit as text", risk("\"take_profit_pct\":\"lots\""), 400, "risk_params.take_profit_pct", "must be a number"),
                bad("risk params not an object", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"risk_params\":[1]}", 400, "risk_params", "must be a JSON object"),
                bad("unknown field", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"yolo\":true}", 400, "yolo", "unknown field"),
                bad("unknown nested field", risk("\"stop\":1"), 400, "risk_params.stop", "unknown field"),
                bad("unknown strategy parameter", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"strategy_params\":{\"warp\":3}}", 400, "strategy_params", "unknown parameter 'warp'"),
                bad("parameter out of range", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"ema_crossover\",\"strategy_params\":{\"fast\":100000}}", 400, "strategy_params", "fast"),
                bad("threshold above 1", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"strategy_params\":{\"threshold\":2}}", 400, "strategy_params.threshold", "at most 1"),
                bad("tp/sl mode unknown", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"tp_sl_mode\":\"magic\"}", 400, "tp_sl_mode", "one of fixed, dynamic"),
                bad("live mode as string", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"live_mode\":\"yes\"}", 400, "live_mode", "true or false"),
                bad("fees above 10 %", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"fees\":{\"maker_rate\":0.2,\"taker_rate\":0.001}}", 400, "fees.maker_rate", "less than or equal to 0.1"),
                bad("planner without enabled", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"planner\":{\"every_n_bars\":5}}", 400, "planner.enabled", "must not be null"),
                bad("supervisor every 0 ticks", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"supervisor\":{\"enabled\":true,\"every_n_ticks\":0}}", 400, "supervisor.every_n_ticks", "greater than or equal to 1"),
                bad("live without HashKey keys", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"live_mode\":true}", 422, "live_mode", "HASHKEY_API_KEY and HASHKEY_SECRET"),
                bad("malformed JSON", "{\"symbol\":\"BTC/USDT\",", 400, "", "malformed JSON"),
                bad("interval beyond an integer", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"interval_seconds\":99999999999}",
                        400, "interval_seconds", "out of range"),
                bad("leverage beyond an integer", risk("\"leverage\":99999999999999999999"), 400, "risk_params.leverage", "out of range"),
                bad("duplicate key", "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"symbol\":\"ETH/USDT\"}", 400, "symbol",
                        "given twice"),
                bad("duplicate nested key", risk("\"leverage\":2,\"leverage\":3"), 400, "risk_params.leverage", "given twice"),
                bad("not an object", "[1,2,3]", 400, "", "must be a JSON object"),
                bad("empty body", "", 400, "", "a JSON body is required"),
                bad("null body", "null", 400, "", "a JSON body is required"));
    }

    private static String risk(String fields) {
        return "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"rsi_signal\",\"risk_params\":{" + fields + "}}";
    }

    private static Arguments bad(String name, String body, int status, String field, String message) {
        return Arguments.of(name, body, status, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAgents")
    void shouldRefuseAgentWithFieldErrorWhenBodyIsBad(String name, String body, int status, String field, String message) {
        HubApiClient.Response response = user.postRaw("/api/agents", body, "application/json");

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        List<String> problems = new ArrayList<>();
        for (JsonNode error : response.json().path("errors")) {
            problems.add(error.path("field").asString() + ": " + error.path("message").asString());
        }
        assertThat(problems).as(response.toString()).anySatisfy(p -> {
            assertThat(p).startsWith(field + ": ");
            assertThat(p).contains(message);
        });
        assertThat(user.get("/api/agents").json().path("items")).as("nothing was created").isEmpty();
    }

    @Test
    void shouldNameEveryProblemWhenSeveralFieldsAreBad() {
        HubApiClient.Response response = user.post("/api/agents", Map.of("symbol", "NOPE/USDT", "strategy_name", "moon",
                "risk_params", Map.of("leverage", 500, "stop_loss_pct", -1)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .contains("risk_params.leverage", "risk_params.stop_loss_pct");
    }

    @Test
    void shouldAnswerNoServerErrorWhenTheErrorPathIsRequestedDirectly() {
        HubApiClient.Response anonymous = api.client().get("/error");
        HubApiClient.Response signedIn = user.get("/error");

        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(403);
        assertThat(api.client().get("/api/no/such/route").status()).as("an unknown route still answers, not 5xx").isLessThan(500);
    }

    @Test
    void shouldAnswer413WhenBodyIsOversized() {
        String huge = "{\"symbol\":\"BTC/USDT\",\"strategy_name\":\"" + "x".repeat(100_000) + "\"}";

        HubApiClient.Response response = user.postRaw("/api/agents", huge, "application/json");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.field("detail")).contains("exceeds 65536 bytes");
    }

    @Test
    void shouldAnswer415WhenBodyIsNotJson() {
        HubApiClient.Response response = user.postRaw("/api/agents", "symbol=BTC/USDT", "application/x-www-form-urlencoded");

        assertThat(response.status()).isEqualTo(415);
    }

    @Test
    void shouldRefuseBadListingParametersWhenQueryIsOutOfRange() {
        assertThat(user.get("/api/agents?limit=0").status()).isEqualTo(400);
        assertThat(user.get("/api/agents?limit=abc").json().path("errors").get(0).path("field").asString()).isEqualTo("limit");
        assertThat(user.get("/api/agents?status=sleeping").json().path("errors").get(0).path("message").asString())
                .contains("creating, running, stopped, error");
        assertThat(user.get("/api/agents?cursor=garbage").status()).isEqualTo(400);
    }

    @Test
    void shouldRefuseBadCredentialsWhenRegisteringOrLoggingIn() {
        HubApiClient anonymous = api.client();
        assertThat(anonymous.post("/api/auth/register", Map.of("email", "not-an-address", "password", "lantern orchid gravel tundra")).json()
                .path("errors").get(0).path("field").asString()).isEqualTo("email");
        assertThat(anonymous.post("/api/auth/register", Map.of("email", "short@example.com", "password", "short")).json()
                .path("errors").get(0).path("field").asString()).isEqualTo("password");
        String email = HubApiClient.uniqueEmail("twice");
        assertThat(anonymous.post("/api/auth/register", Map.of("email", email, "password", "lantern orchid gravel tundra")).status()).isEqualTo(201);
        assertThat(anonymous.post("/api/auth/register", Map.of("email", email.toUpperCase(), "password", "lantern orchid gravel tundra")).status())
                .isEqualTo(409);
        assertThat(anonymous.post("/api/auth/login", Map.of("email", email, "password", "wrong password!")).status()).isEqualTo(401);
        assertThat(anonymous.post("/api/auth/login", Map.of("email", "nobody@example.com", "password", "wrong password!")).status()).isEqualTo(401);
        assertThat(anonymous.post("/api/auth/refresh", Map.of("refresh_token", "ahr_forged")).status()).isEqualTo(401);

        HubApiClient stale = api.client().withHeader("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJnb25lIn0.c3RhbGU");
        assertThat(stale.post("/api/auth/login", Map.of("email", email, "password", "lantern orchid gravel tundra")).status())
                .as("a stale token left in the header does not stop a sign-in").isEqualTo(200);
        assertThat(stale.get("/api/strategies").status()).as("nor a public read").isEqualTo(200);
        assertThat(stale.get("/api/agents").status()).as("a route that needs a caller still refuses it").isEqualTo(401);
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenPasswordsAreGuessed() {
        HubApiClient anonymous = api.client();
        String email = HubApiClient.uniqueEmail("guessed");
        anonymous.post("/api/auth/register", Map.of("email", email, "password", "the right passphrase, carefully kept"));
        for (int i = 0; i < 10; i++) {
            assertThat(anonymous.post("/api/auth/login", Map.of("email", email, "password", "guess number " + i)).status()).isEqualTo(401);
        }

        HubApiClient.Response throttled = anonymous.post("/api/auth/login", Map.of("email", email, "password", "the right passphrase, carefully kept"));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.headers().get("retry-after"))).isBetween(1L, 900L);
        assertThat(throttled.field("detail")).contains("too many failed logins");
    }
}
