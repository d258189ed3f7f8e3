package io.celeriac.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.task.Retry;
import io.celeriac.core.task.TaskContext;
import io.celeriac.db.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** Shared test material: fixture documents, a user row, a task context that only builds retries. */
final class SyncFixtures {
    private SyncFixtures() {
    }

    static String resource(String path) {
        try (InputStream in = SyncFixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long user(Database database, String name, String zone) {
        return database.jdbi().withHandle(h -> h.createUpdate("INSERT INTO users (name, time_zone) VALUES (:n, :z)")
                .bind("n", name).bind("z", zone)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /**
     * Settings for tests: short timeouts, a breaker that trips after two failures, and this
     * machine's loopback allowed, where the test servers listen (as an operator allows a network).
     */
    static SyncSettings settings(String notionBaseUrl) {
        return settings(notionBaseUrl, "");
    }

    /** As {@link #settings(String)}, with more lines of the {@code sync:} section (indented two spaces). */
    static SyncSettings settings(String notionBaseUrl, String more) {
        return SyncSettings.from(io.celeriac.core.config.AppConfigLoader.fromYaml("""
                sync:
                  read_timeout: 500ms
                  connect_timeout: 1s
                  breaker_min_calls: 2
                  breaker_open_for: 2m
                  notion_base_url: "%s"
                """.formatted(notionBaseUrl) + (more.contains("allowed_networks") ? "" : "  allowed_networks: [\"127.0.0.0/8\", \"::1/128\"]\n")
                + more).section("sync"));
    }

    /** The task context a handler sees, enough for {@link SyncReport#retryIfDeferred}. */
    static TaskContext task(Clock clock) {
        return new TaskContext() {
            public String taskId() {
                return "test-task";
            }

            public String taskName() {
                return "test";
            }

            public void updateState(String state, Object meta) {
                // a sync handler records no interim states
            }

            public int retries() {
                return 0;
            }

            public String queue() {
                return "sync_tasks";
            }

            public String hostname() {
                return "test@host";
            }

            public ArrayNode args() {
                return JsonNodeFactory.instance.arrayNode();
            }

            public ObjectNode kwargs() {
                return JsonNodeFactory.instance.objectNode();
            }

            public <T> T arg(int index, Class<T> type) {
                throw new IllegalArgumentException("no args");
            }

            public <T> T kwarg(String name, Class<T> type, T fallback) {
                return fallback;
            }

            public Retry retry(Duration countdown, Throwable cause) {
                return new Retry(countdown, cause);
            }

            public TaskSender sender() {
                throw new UnsupportedOperationException();
            }

            public Clock clock() {
                return clock;
            }
        };
    }
}
