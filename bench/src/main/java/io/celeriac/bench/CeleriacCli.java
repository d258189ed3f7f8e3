package io.celeriac.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the bench runs a {@code celeriac} command: through the launcher when the bench was started
 * by it ({@code CELERIAC_LAUNCHER}: its freshness check, JVM options and class archives, as users
 * get them), else with this JVM and class path, whose figures are not what users see and say so.
 *
 * @param launcher the launcher's path, or null
 * @param common   arguments every command gets (broker URL, key prefix, config)
 * @param env      variables every command gets (the database URL stays out of argv, where ps shows it)
 */
record CeleriacCli(Path launcher, List<String> common, Map<String, String> env) {

    static CeleriacCli fromEnvironment(List<String> common, Map<String, String> env) {
        String configured = System.getenv("CELERIAC_LAUNCHER");
        Path launcher = configured != null && Files.isExecutable(Path.of(configured)) ? Path.of(configured) : null;
        // no CELERIAC_NO_BUILD: a user's command pays the launcher's freshness check (a find over the
        // sources), so the measured ones do too; the bench's own start has just built, so none rebuilds
        return new CeleriacCli(launcher, List.copyOf(common), Map.copyOf(env));
    }

    /** The same, with one more variable for every command. */
    CeleriacCli withEnv(String name, String value) {
        Map<String, String> all = new HashMap<>(env);
        all.put(name, value);
        return new CeleriacCli(launcher, common, Map.copyOf(all));
    }

    /** How the commands run, for the report. */
    String via() {
        return launcher != null ? "launcher " + launcher : "java -cp (no CELERIAC_LAUNCHER: not the launcher users run)";
    }

    /** {@code celeriac <args> <common>}. */
    TimedCommand command(String... args) {
        List<String> argv = new ArrayList<>();
        if (launcher != null) {
            argv.add(launcher.toString());
        } else {
            argv.add(ProcessHandle.current().info().command().orElse("java"));
            argv.addAll(List.of("-XX:+UseSerialGC", "-Xss512k", "-Xmn12m"));
            argv.add("-cp");
            argv.add(System.getProperty("java.class.path"));
            argv.add("io.celeriac.core.cli.Main");
        }
        argv.addAll(List.of(args));
        argv.addAll(common);
        return new TimedCommand(argv, env);
    }

    /** The command as a user types it, for labels: {@code celeriac status}. */
    static String label(String... args) {
        return "celeriac " + String.join(" ", args);
    }
}
