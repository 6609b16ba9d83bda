package io.agenthub.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's scripts ({@code bin/docker-engine}, {@code bin/build-images}) and the docker CLI, as tests run them. */
final class Scripts {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** A command's exit status and output (standard error included). */
    record Ran(int status, String output) {
    }

    private Scripts() {
    }

    static Ran run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Ran(-1, "timed out after " + timeout);
        }
        return new Ran(process.exitValue(), new String(output, StandardCharsets.UTF_8));
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
