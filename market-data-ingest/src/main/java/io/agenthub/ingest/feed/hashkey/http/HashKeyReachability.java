package io.agenthub.ingest.feed.hashkey.http;

import io.agenthub.ingest.feed.hashkey.parse.RestBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Whether HashKey's REST API answers, to choose between the live feed and a replay at start-up. */
public final class HashKeyReachability {

    private static final Logger log = LoggerFactory.getLogger(HashKeyReachability.class);

    private HashKeyReachability() {
    }

    /**
     * {@code GET /api/v1/ping} within {@code timeout}: true when it answers HTTP 200 with a JSON object ({@code {}});
     * false (with the reason logged) on anything else. Never throws for network trouble.
     */
    public static boolean probe(URI restBaseUrl, Duration timeout) {
        URI ping = URI.create(HashKeyRestClient.withoutTrailingSlash(restBaseUrl.toString()) + "/api/v1/ping");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(ping).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200 && RestBodies.isObject(response.body())) {
                return true;
            }
            log.warn("HashKey is not usable: GET {} answered HTTP {} with a body that is not a JSON object", ping, response.statusCode());
            return false;
        } catch (IOException e) {
            log.info("HashKey is not reachable: GET {} failed within {} ms ({})", ping, timeout.toMillis(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
