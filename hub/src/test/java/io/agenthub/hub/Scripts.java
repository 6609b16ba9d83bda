package io.agenthub.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's scripts ({@code bin/docker-engine}, {@code bin/build-images}, {@code bin/build-infra-images},
 * {@code bin/compose}) and the docker CLI, as tests run them.
 */
final class Scripts {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** A command's exit status and output (standard error included). */
    record Ran(int status, String output) {
    }

    private Scripts() {
    }

    static Ran run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, Map.of(), Set.of(), command);
    }

    /**
     * Runs {@code command} in the repository with {@code environment} added to this process's and the variables
     * {@code unset} taken out; a command still running after {@code timeout} is killed with what it started.
     */
    static Ran run(Duration timeout, Map<String, String> environment, Set<String> unset, String... command)
            throws IOException, InterruptedException {
        // the output goes to a file, not a pipe: a pipe left open by something the command started in the background
        // would keep a reader waiting past the command's end and its timeout
        Path output = Files.createTempFile("agenthub-script", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().keySet().removeAll(unset);
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Ran(-1, "timed out after " + timeout + "; its output: " + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Ran(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** {@code docker args...}, which must succeed; its output. */
    static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Ran ran = run(Duration.ofSeconds(60), command.toArray(String[]::new));
        assertThat(ran.status()).as("docker %s: %s", String.join(" ", args), ran.output()).isZero();
        return ran.output().strip();
    }

    static boolean engineAnswers() throws Exception {
        return run(Duration.ofSeconds(10), "bin/docker-engine", "status").status() == 0;
    }

    /** Starts an engine (installing Debian's docker.io if need be) unless one answers. */
    static Ran engineUp() throws Exception {
        return run(Duration.ofMinutes(5), "bin/docker-engine", "up");
    }

    static void engineDown() throws Exception {
        run(Duration.ofSeconds(60), "bin/docker-engine", "down");
    }
}
