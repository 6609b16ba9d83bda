package io.agenthub.kafka.topics;

import io.agenthub.core.market.Timeframe;
import io.agenthub.schemas.topics.TopicLayout;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue's topics on a cluster no launcher provisions: a one-shot job that runs before the services (the
 * {@code topics} service of {@code docker-compose.yml}). Creates the topics that are missing, checks the partitions of
 * those that exist ({@link TopicProvisioner}), and waits for the broker to answer first, so it can start with it.
 *
 * <pre>
 * ProvisionTopics --bootstrap-servers=HOST:PORT [--prefix=] [--symbol-partitions=3] [--agent-partitions=6]
 *                 [--replication-factor=1] [--bar-timeframes=1s,1m] [--wait=120s]
 * </pre>
 * Exit status 0 when every topic is there as laid out, 1 when the cluster refused or did not answer in time, 2 for
 * arguments it does not understand.
 */
public final class ProvisionTopics {

    private static final Set<String> OPTIONS = Set.of("bootstrap-servers", "prefix", "symbol-partitions", "agent-partitions",
            "replication-factor", "bar-timeframes", "wait");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");
    /** How long one attempt may wait for the broker's answer (never longer than the whole wait). */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What to provision and where.
     *
     * @param waitForBroker how long the broker may take to answer before the job gives up
     */
    public record Settings(String bootstrapServers, Topics topics, TopicLayout layout, List<Timeframe> barTimeframes, Duration waitForBroker) {

        /** Reads {@code --name=value} arguments; every option but {@code --bootstrap-servers} has a default. */
        public static Settings parse(String... args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (String arg : args) {
                int equals = arg.indexOf('=');
                String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : "";
                if (!OPTIONS.contains(name)) {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'; expected --name=value with a name of " + OPTIONS.stream().sorted().toList());
                }
                given.put(name, arg.substring(equals + 1));
            }
            String bootstrap = given.getOrDefault("bootstrap-servers", "");
            if (bootstrap.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers=HOST:PORT is required");
            }
            String prefix = given.getOrDefault("prefix", "");
            TopicLayout layout = new TopicLayout(count(given, "symbol-partitions", 3), count(given, "agent-partitions", 6),
                    (short) count(given, "replication-factor", 1));
            List<Timeframe> bars = Arrays.stream(given.getOrDefault("bar-timeframes", "1s,1m").split(","))
                    .map(String::strip).filter(label -> !label.isEmpty()).map(Timeframe::parse).toList();
            return new Settings(bootstrap, prefix.isEmpty() ? Topics.standard() : Topics.withPrefix(prefix), layout, bars,
                    duration(given.getOrDefault("wait", "120s")));
        }

        private static int count(Map<String, String> given, String name, int defaultValue) {
            String value = given.get(name);
            if (value == null) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
            }
        }

        private static Duration duration(String value) {
            Matcher m = DURATION.matcher(value.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("--wait must be a duration such as 500ms, 90s or 2m, got '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
    }

    private ProvisionTopics() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command as a function: its exit status, with what it did on {@code out} and why it failed on {@code err}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("provision-topics: " + e.getMessage());
            return 2;
        }
        try {
            int all = settings.topics().all(settings.barTimeframes()).size();
            List<String> created = provision(settings, out);
            out.printf("provision-topics: %d of %d topics created on %s (%d symbol partitions, %d agent partitions, replication %d)%s%n",
                    created.size(), all, settings.bootstrapServers(), settings.layout().symbolPartitions(),
                    settings.layout().agentPartitions(), settings.layout().replicationFactor(),
                    created.isEmpty() ? "; the others were there already, laid out as asked" : ": " + created.stream().sorted().toList());
            return 0;
        } catch (IllegalStateException e) {
            err.println("provision-topics: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Creates the missing topics and checks the others, trying again while the broker does not answer yet (for up to
     * the settings' wait). A topic laid out differently fails at once: waiting would not change it.
     *
     * @return the names of the topics it created
     */
    public static List<String> provision(Settings settings, PrintStream progress) {
        long deadline = System.nanoTime() + settings.waitForBroker().toNanos();
        int attempt = (int) (settings.waitForBroker().compareTo(ATTEMPT_TIMEOUT) < 0 ? settings.waitForBroker() : ATTEMPT_TIMEOUT).toMillis();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, attempt,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, attempt);
        while (true) {
            String notYet;
            try (Admin admin = Admin.create(config)) {
                return new TopicProvisioner(admin, settings.layout()).ensure(settings.topics().all(settings.barTimeframes()));
            } catch (IllegalStateException e) {
                if (!brokerNotAnswering(e)) {
                    throw e;
                }
                notYet = e.getMessage();
            } catch (KafkaException e) {
                // the client could not start, e.g. the broker's host name does not resolve yet
                notYet = e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka at " + settings.bootstrapServers() + " did not answer within " + settings.waitForBroker()
                        + ": " + notYet);
            }
            progress.println("provision-topics: waiting for Kafka at " + settings.bootstrapServers() + " (" + notYet + ")");
            sleep(Duration.ofSeconds(1));
        }
    }

    private static boolean brokerNotAnswering(IllegalStateException e) {
        Throwable cause = e.getCause();
        return cause instanceof TimeoutException
                || cause instanceof ExecutionException execution && execution.getCause() instanceof RetriableException;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
