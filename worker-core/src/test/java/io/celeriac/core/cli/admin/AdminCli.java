package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.cli.Main;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs {@code celeriac} admin commands in-process against the test Redis, with a config file of
 * random key prefixes, and an {@link Application} on the same keys to seed state with.
 */
final class AdminCli implements AutoCloseable {
    final Application app;
    private final Path config;

    private AdminCli(Path config) {
        this.config = config;
        this.app = new Application(AppConfigLoader.fromFile(config), TestRedis.url(), null, 8, Clock.systemUTC(), new SplittableRandom(7));
    }

    static AdminCli create(String extraYaml) {
        String prefix = TestApp.randomPrefix();
        try {
            Path file = Files.createTempFile("celeriac-admin", ".yaml");
            Files.writeString(file, "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n" + extraYaml);
            return new AdminCli(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    /** Runs with nothing on the command's input (as from cron or CI). */
    Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs with {@code input} typed on the command's input. */
    Result runWithInput(String input, String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        feed(cli, input);
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--config", config.toString(), "--broker-url", url(TestRedis.url())));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private static void feed(CommandLine cli, String input) {
        for (CommandSpec mixin : cli.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof Confirmation confirmation) {
                confirmation.input(new StringReader(input));
            }
        }
        cli.getSubcommands().values().forEach(sub -> feed(sub, input));
    }

    static String url(RedisUrl url) {
        String auth = url.password() == null ? "" : (url.username() == null ? "" : url.username()) + ":" + url.password() + "@";
        return (url.tls() ? "rediss://" : "redis://") + auth + url.host() + ":" + url.port() + "/" + url.database();
    }

    @Override
    public void close() {
        app.close();
        try {
            Files.deleteIfExists(config);
        } catch (IOException ignored) {
            // a temp file; the OS cleans up
        }
    }
}
