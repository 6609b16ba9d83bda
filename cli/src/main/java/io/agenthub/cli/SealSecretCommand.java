package io.agenthub.cli;

import io.agenthub.secrets.TransportEnvelope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * Produces an {@code encrypted_value} for {@code POST /api/secrets}: fetches the API's transport key and seals the value
 * read from standard input (never from the command line, where it would land in the shell history).
 */
@Command(name = "seal-secret", description = {
        "Seal a secret for the Hub API: prints an encrypted_value for POST /api/secrets or /api/agents/{id}/secrets.",
        "The value is read from standard input, e.g.  printf %s \"$HASHKEY_SECRET\" | bin/seal-secret --name HASHKEY_SECRET"})
final class SealSecretCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--api", defaultValue = "http://127.0.0.1:9000", description = "The API's base URL (default ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--name", required = true, description = "The secret's name, e.g. HASHKEY_SECRET (bound into the seal).")
    String name;

    @Override
    public Integer call() throws Exception {
        String value;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            value = in.lines().reduce((a, b) -> a + "\n" + b).orElse("");
        }
        if (value.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no value on standard input");
        }
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create(api.replaceAll("/+$", "") + "/api/secrets/transport-key")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            spec.commandLine().getErr().println("the API answered " + response.statusCode() + " for its transport key");
            return 2;
        }
        JsonNode key = JsonMapper.builder().build().readTree(response.body());
        String envelope = TransportEnvelope.seal(key.path("key_id").asString(), Base64.getDecoder().decode(key.path("public_key").asString()),
                name, value);
        spec.commandLine().getOut().println(envelope);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
