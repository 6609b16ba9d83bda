package io.agenthub.gateway.hashkey;

import io.agenthub.gateway.hashkey.config.HashKeySettings;
import io.agenthub.gateway.hashkey.http.HashKeyRest;
import io.agenthub.gateway.hashkey.http.VenueGate;
import io.agenthub.testkit.hashkey.exchange.Account;
import io.agenthub.testkit.hashkey.exchange.HashKeyExchangePeer;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/** A HashKey protocol peer with one account, and a started session of the gateway's adapters on it. */
final class HashKeyVenueFixture implements AutoCloseable {

    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    final HashKeyExchangePeer peer;
    final Account account;
    final HashKeySettings settings;
    final VenueGate gate;
    final HashKeyMarkets markets;
    final HashKeySession session;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hashkey-fixture");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    HashKeyVenueFixture(Duration timeout) throws Exception {
        peer = new HashKeyExchangePeer();
        int n = ACCOUNTS.incrementAndGet();
        String key = "test-key-" + n;
        String secret = "test-secret-" + n + "-lH3ELTNiFxCQTmi9pPcWWikhsjO04Yoqw3euoHUuOLC3";
        account = peer.account(key, secret);
        settings = HashKeySettings.at(peer.restBaseUrl(), peer.wsBaseUrl()).withTimeout(timeout).withRates(200, 200);
        gate = new VenueGate(Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofSeconds(5));
        HashKeyRest publicRest = HashKeyRest.publicClient(peer.restBaseUrl(), Clock.systemUTC(), timeout, gate,
                RateLimiter.of("public", RateLimiterConfig.custom().limitForPeriod(200).limitRefreshPeriod(Duration.ofSeconds(1)).build()), http);
        markets = new HashKeyMarkets(() -> publicRest.publicGet("/api/v1/exchangeInfo", Map.of()), Clock.systemUTC(), Duration.ofMinutes(10));
        session = new HashKeySession("account-" + n, new HashKeySession.Credentials(key, secret, false), settings, gate, markets, http, scheduler,
                Clock.systemUTC()).start();
        await().atMost(Duration.ofSeconds(10)).until(session::streaming);
    }

    @Override
    public void close() throws Exception {
        session.close();
        scheduler.shutdownNow();
        peer.close();
    }
}
