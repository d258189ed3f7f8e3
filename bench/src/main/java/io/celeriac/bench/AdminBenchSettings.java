package io.celeriac.bench;

import io.celeriac.core.component.Settings;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code bench admin} runs.
 *
 * @param runs              measured runs per command
 * @param warmUps           runs before them, left out (the first start after a build pays for disk caches)
 * @param workerJavaOptions JVM options of the bench's worker process
 * @param configFile        the config every command reads, or null for the default one
 * @param databaseSettings  where the server for {@code ai create}'s private database is
 * @param only              the jobs to run by their first word (status, send, result, inspect, ai); empty for all
 */
record AdminBenchSettings(int runs, int warmUps, String workerJavaOptions, Path configFile, Settings databaseSettings,
                          List<String> only) {

    static final List<String> JOBS = List.of("status", "send", "result", "inspect", "ai");

    AdminBenchSettings {
        if (runs < 1 || warmUps < 0) {
            throw new IllegalArgumentException("--runs must be at least 1 and --warm-ups at least 0");
        }
        only = only == null ? List.of() : List.copyOf(only);
        for (String job : only) {
            if (!JOBS.contains(job)) {
                throw new IllegalArgumentException("--only takes " + String.join(", ", JOBS) + "; got '" + job + "'");
            }
        }
    }

    /** Whether the job named {@code name} ("inspect ping", "ai create") is selected. */
    boolean wants(String name) {
        return only.isEmpty() || only.contains(name.split(" ")[0]);
    }
}
