package io.celeriac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Celery's own command line ({@code python3 -m celery -b URL --result-backend URL ...}), the one
 * the admin commands are measured beside: the interpreter's Celery, or the one installed in
 * {@code celeryPath} ({@code pip install --target}) ahead of it.
 *
 * @param python     the interpreter
 * @param celeryPath put first on PYTHONPATH, or null
 * @param brokerUrl  Redis, as both the broker and the result backend
 * @param version    "celery 5.6.3, kombu 5.6.2", as the interpreter reported it
 */
record CeleryCli(String python, Path celeryPath, String brokerUrl, String version) {

    /** The newest Celery .ci/run installs: {@code CELERIAC_TEST_CELERY_NEWEST}, else ~/.cache/celeriac/celery-newest, when there. */
    static Optional<Path> newestInstalled() {
        String configured = System.getenv("CELERIAC_TEST_CELERY_NEWEST");
        Path dir = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "celeriac", "celery-newest") : Path.of(configured);
        return Files.isDirectory(dir.resolve("celery")) ? Optional.of(dir) : Optional.empty();
    }

    /** The Celery {@code python} imports (with {@code celeryPath} first), or the reason there is none. */
    static Found find(String python, Path celeryPath, String brokerUrl) throws InterruptedException {
        TimedCommand probe = new TimedCommand(List.of(python, "-c", "import celery, kombu, redis; "
                + "print('celery %s, kombu %s' % (celery.__version__, kombu.__version__))"), env(celeryPath));
        try {
            TimedCommand.Run run = probe.run();
            if (run.exitCode() != 0) {
                return new Found(null, python + " cannot import celery, kombu and redis (" + run.lastLine()
                        + "); install Debian's python3-celery python3-redis, or give --celery-path");
            }
            return new Found(new CeleryCli(python, celeryPath, brokerUrl, run.lastLine()), null);
        } catch (IOException e) {
            return new Found(null, "cannot run " + python + ": " + e.getMessage());
        }
    }

    /** A Celery, or why there is none. */
    record Found(CeleryCli cli, String missing) {
    }

    /** {@code python -m celery -b URL --result-backend URL <args>}. */
    TimedCommand command(String... args) {
        List<String> argv = new ArrayList<>(List.of(python, "-m", "celery", "-b", brokerUrl, "--result-backend", brokerUrl));
        argv.addAll(List.of(args));
        return new TimedCommand(argv, env(celeryPath));
    }

    static String label(String... args) {
        return "celery " + String.join(" ", args);
    }

    private static Map<String, String> env(Path celeryPath) {
        Map<String, String> env = new HashMap<>();
        if (celeryPath != null) {
            String existing = System.getenv("PYTHONPATH");
            env.put("PYTHONPATH", celeryPath + (existing == null || existing.isBlank() ? "" : ":" + existing));
        }
        return env;
    }
}
