package io.celeriac.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each mistake an operator makes in celeriac.yaml is one line naming the key, and exit 2, for any command. */
class ConfigMistakesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            result_expire: 1h                       | unknown key 'result_expire' (did you mean 'result_expires'?)
            qeueus: [a]                             | unknown key 'qeueus' (did you mean 'queues'?)
            brokr_url: redis://x                    | unknown key 'brokr_url' (did you mean 'broker_url'?)
            something_else: 1                       | unknown key 'something_else'
            result_extended: "yes"                  | result_extended: 'yes' is not true or false
            result_extended: 1                      | result_extended: '1' is not true or false
            queues: celery                          | queues: 'celery' is not a list
            queues: [celery, [x]]                   | queues[1]: a list is not a string
            default_queue: [a]                      | default_queue: a list is not a string
            result_expires: 99999999999999d         | result_expires: '99999999999999d' is too long
            result_expires: 3651d                   | result_expires: 3651d is too long (at most 3650d)
            result_expires: soon                    | result_expires: 'soon' is not a duration
            result_expires: {a: 1}                  | result_expires: a mapping is not a duration
            routes: {a.x: bad queue}                | contains whitespace or a control character
            routes: {a.x: 3}                        | routes.a.x names no queue
            queues: [x\\ny]                         | contains whitespace or a control character
            max_nesting_depth: deep                 | max_nesting_depth: 'deep' is not a whole number
            max_message_size: 1TB                   | max_message_size: '1TB' is not a size
            task_track_started: "yes"               | task_track_started: 'yes' is not true or false
            task_send_sent_event: 1                 | task_send_sent_event: '1' is not true or false
            task_track_start: true                  | unknown key 'task_track_start' (did you mean 'task_track_started'?)
            routes: *nowhere                        | not valid YAML
            """)
    void each_mistake_is_one_line_naming_the_key(String yaml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfigLoader.fromYaml(yaml.replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void celerys_task_switches_are_read_under_celerys_names_and_off_by_default() {
        AppConfig on = AppConfigLoader.fromYaml("task_track_started: true\ntask_send_sent_event: true\n");
        assertTrue(CeleryTaskConfig.trackStarted(on));
        assertTrue(CeleryTaskConfig.sendSentEvent(on));
        AppConfig unset = AppConfigLoader.fromYaml("result_extended: false\n");
        assertFalse(CeleryTaskConfig.trackStarted(unset));
        assertFalse(CeleryTaskConfig.sendSentEvent(unset));
    }

    @Test
    void aliases_and_merge_keys_are_expanded() {
        AppConfig config = AppConfigLoader.fromYaml("""
                base: &base
                  result_extended: true
                """.replace("base: &base\n  result_extended: true\n", "")
                + "queues: &qs [celery, mail]\nroutes: &r\n  \"app.mail.*\": mail\n");
        assertEquals(List.of("celery", "mail"), config.queues());
        assertEquals("mail", config.router().route("app.mail.send"));
        AppConfig aliased = AppConfigLoader.fromYaml("""
                default_queue: &q work
                queues: [*q, other]
                routes:
                  "app.*": *q
                """);
        assertEquals(List.of("work", "other"), aliased.queues());
        assertEquals("work", aliased.router().route("app.x"));
    }

    @Test
    void a_known_section_is_checked_inside_when_its_keys_are_declared() {
        KnownKeys keys = new KnownKeys(java.util.Set.of("email", "email.smtp", "email.smtp.host", "beat", "beat.entries", "beat.entries.*"));
        keys.check(Json.tree("{\"beat\":{\"entries\":{\"any-name\":{\"whatever\":1}}},\"email\":{\"smtp\":{\"host\":\"h\"}}}"), "t");
        ConfigException e = assertThrows(ConfigException.class,
                () -> keys.check(Json.tree("{\"email\":{\"smtp\":{\"hots\":\"h\"}}}"), "t"));
        assertEquals("t: unknown key 'email.smtp.hots' (did you mean 'email.smtp.host'?)", e.getMessage());
        e = assertThrows(ConfigException.class, () -> keys.check(Json.tree("{\"emial\":{\"from\":\"x\"}}"), "t"));
        assertEquals("t: unknown key 'emial' (did you mean 'email'?)", e.getMessage());
        // the section of a module this process was packaged without is left to that module
        keys.check(Json.tree("{\"sync\":{\"calendar_window\":\"30d\"}}"), "t");
        assertThrows(ConfigException.class, () -> keys.check(Json.tree("{\"sync\":\"30d\"}"), "t"));
    }

    @Test
    void durations_past_a_century_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("36501d"));
        assertEquals(Duration.ofDays(36_500), Durations.parse("36500d"));
    }

    @Test
    void every_command_refuses_a_bad_file_with_exit_2_and_one_line(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("celeriac.yaml");
        Files.writeString(file, "result_expire: 1h\n");
        for (String[] command : List.of(new String[] {"send", "t"}, new String[] {"result", "x"},
                new String[] {"status"}, new String[] {"dead", "list"}, new String[] {"purge", "--force"},
                new String[] {"worker"})) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("--config", file.toString(), "--broker-url", "redis://127.0.0.1:1/0")).toArray(String[]::new);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            PrintStream original = System.err;
            var cli = Main.commandLine();
            cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            code = cli.execute(args);
            String text = err.toString(StandardCharsets.UTF_8).strip();
            assertEquals(2, code, String.join(" ", command) + ": " + text);
            assertEquals(1, text.lines().count(), text);
            assertTrue(text.contains("unknown key 'result_expire' (did you mean 'result_expires'?)"), text);
            System.setErr(original);
        }
    }

    /** Tiny JSON helper for the key-check table. */
    private static final class Json {
        static com.fasterxml.jackson.databind.JsonNode tree(String text) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
