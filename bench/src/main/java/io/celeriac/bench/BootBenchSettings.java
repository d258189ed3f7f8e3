package io.celeriac.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code celeriac bench boot} runs.
 *
 * @param runs               measured runs per worker and queue depth (medians reported)
 * @param warmUps            runs before them, left out (page cache, AOT cache, Python's bytecode cache)
 * @param waiting            tasks waiting in the queue when the worker starts, one row each
 * @param concurrency        the Celeriac worker's --concurrency
 * @param celeryConcurrency  Celery prefork pool sizes measured beside (empty: none)
 * @param workerJavaOptions  the Celeriac worker's JVM options (CELERIAC_JAVA_OPTS under the launcher)
 * @param configFile         the config the bench read, passed on to its worker, or null
 */
record BootBenchSettings(int runs, int warmUps, List<Integer> waiting, int concurrency, List<Integer> celeryConcurrency,
                         String workerJavaOptions, Path configFile) {

    BootBenchSettings {
        waiting = List.copyOf(waiting);
        celeryConcurrency = List.copyOf(celeryConcurrency);
    }
}
