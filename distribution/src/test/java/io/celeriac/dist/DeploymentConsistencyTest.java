package io.celeriac.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.celeriac.beat.BeatConfig;
import io.celeriac.beat.BeatEntry;
import io.celeriac.core.cli.Main;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.routing.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The deployment files agree with the code: every routed queue has a container consuming it, every
 * container consumes a queue the application knows, every beat task lands on a consumed queue, the
 * concurrencies match the config, every command parses with the real CLI, and every variable the
 * compose file needs is in .env.example.
 */
class DeploymentConsistencyTest {
    static final Path DOCKER = Path.of("..", "docker");
    static AppConfig config;
    static JsonNode compose;
    static Map<String, List<String>> commands = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        config = AppConfigLoader.load(null);
        compose = new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("docker-compose.yml").toFile());
        compose.path("services").fields().forEachRemaining(service -> {
            List<String> command = new ArrayList<>();
            service.getValue().path("command").forEach(part -> command.add(part.asText()));
            if (!command.isEmpty()) {
                commands.put(service.getKey(), command);
            }
        });
    }

    /** queue -> concurrency of every worker service. */
    static Map<String, Integer> consumed() {
        Map<String, Integer> queues = new HashMap<>();
        commands.forEach((service, command) -> {
            if (!command.get(0).equals("worker")) {
                return;
            }
            CommandLine.ParseResult parsed = Main.commandLine().parseArgs(command.toArray(String[]::new));
            CommandLine.ParseResult worker = parsed.subcommand();
            List<String> serviceQueues = worker.matchedOptionValue("--queues", List.of());
            int concurrency = worker.matchedOptionValue("--concurrency", 0);
            serviceQueues.forEach(q -> queues.put(q, concurrency));
        });
        return queues;
    }

    @Test
    void every_command_parses_with_the_real_cli() {
        assertFalse(commands.isEmpty());
        commands.forEach((service, command) -> {
            CommandLine.ParseResult parsed = Main.commandLine().parseArgs(command.toArray(String[]::new));
            assertTrue(parsed.hasSubcommand(), service + " runs a subcommand");
        });
    }

    @Test
    void every_routed_queue_has_a_consumer_and_every_consumed_queue_exists() {
        Map<String, Integer> consumed = consumed();
        for (Route route : config.routes()) {
            assertTrue(consumed.containsKey(route.queue()), "queue " + route.queue() + " has a worker service");
        }
        for (String queue : consumed.keySet()) {
            assertTrue(config.queues().contains(queue), "service queue " + queue + " is one of the application's queues");
        }
    }

    @Test
    void every_beat_task_lands_on_a_consumed_queue() {
        Map<String, Integer> consumed = consumed();
        List<BeatEntry> entries = BeatConfig.from(config.section("beat")).entries();
        assertFalse(entries.isEmpty());
        for (BeatEntry entry : entries) {
            String queue = config.router().route(entry.task(), entry.options().queue());
            assertTrue(consumed.containsKey(queue), "beat entry " + entry.name() + " goes to " + queue + ", which a worker consumes");
        }
    }

    @Test
    void container_concurrencies_match_the_configs_workers_section() {
        consumed().forEach((queue, concurrency) ->
                assertEquals(config.section("workers").path(queue).asInt(-1), concurrency, "concurrency of " + queue));
    }

    @Test
    void the_beat_runs_once_and_redis_never_evicts() {
        assertTrue(commands.values().stream().filter(c -> c.get(0).equals("beat")).count() == 1, "one beat service");
        String redis = compose.at("/services/redis/command").asText();
        assertTrue(redis.contains("--maxmemory-policy noeviction") && redis.contains("--appendonly yes") && redis.contains("--requirepass"), redis);
    }

    @Test
    void every_variable_the_compose_file_needs_is_in_the_example_env() throws IOException {
        String example = Files.readString(DOCKER.resolve(".env.example"));
        String composeText = Files.readString(DOCKER.resolve("docker-compose.yml"));
        Set<String> needed = new HashSet<>();
        // ${X} and ${X:?message} have no default: .env must give them (the passwords, commented out
        // in the example so that compose refuses to start until they are set)
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)(:?-[^}]*|:?\\?[^}]*)?}").matcher(composeText);
        while (m.find()) {
            if (m.group(2) == null || m.group(2).contains("?")) {
                needed.add(m.group(1));
            }
        }
        for (String variable : needed) {
            assertTrue(Pattern.compile("(?m)^(# )?" + variable + "=").matcher(example).find(), variable + " is in docker/.env.example");
        }
        for (String password : List.of("REDIS_PASSWORD", "POSTGRES_PASSWORD")) {
            assertTrue(composeText.contains("${" + password + ":?" + password + " is not set"), password + " is required");
        }
        assertFalse(Files.exists(DOCKER.resolve(".env")) && Files.readString(Path.of("..", ".gitignore")).lines().noneMatch("docker/.env"::equals),
                "a real docker/.env is never committed");
    }
}
