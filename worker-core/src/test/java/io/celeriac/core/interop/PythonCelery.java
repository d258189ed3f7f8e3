package io.celeriac.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.testing.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real Python Celery (Debian's 5.2 packages) for the interop tests: runs the client script
 * {@code interop/interop_client.py} and starts workers of {@code interop/interop_app.py}.
 *
 * <p>The interpreter is {@code CELERIAC_TEST_PYTHON}, else {@code /usr/bin/python3} (not the first
 * {@code python3} on PATH, which may be a virtualenv without Celery). Tests call
 * {@link #assumeInstalled()} first, so they are skipped, not failed, where Celery is absent.
 *
 * <p>Each instance is one isolated "Python deployment" on the shared Redis: a private default
 * queue (where anything Celery routes by default lands, visible to the test) and private names for
 * kombu's unacked keys. Queue and result keys stay kombu's defaults: the layout production uses.
 */
final class PythonCelery {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static Boolean installed;
    private static Path appDir;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final Path celeryPath;
    private final String defaultQueue = "interop-default-" + id;
    private final String unackedPrefix = "interop-" + id + ":";

    /** Debian's Celery, as the interpreter finds it. */
    PythonCelery() {
        this(null);
    }

    /** The Celery installed in {@code celeryPath} (a {@code pip install --target} directory), ahead of Debian's. */
    PythonCelery(Path celeryPath) {
        this.celeryPath = celeryPath;
    }

    /**
     * Where the newest Celery this machine can install lives (.ci/run puts it there with
     * {@code pip install --no-deps --target}): {@code CELERIAC_TEST_CELERY_NEWEST}, else
     * {@code ~/.cache/celeriac/celery-newest}; empty when it is not there.
     */
    static java.util.Optional<Path> newestCelery() {
        String configured = System.getenv("CELERIAC_TEST_CELERY_NEWEST");
        Path dir = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "celeriac", "celery-newest") : Path.of(configured);
        return Files.isDirectory(dir.resolve("celery")) ? java.util.Optional.of(dir) : java.util.Optional.empty();
    }

    /** The Python interpreter the tests use. */
    static String python() {
        String configured = System.getenv("CELERIAC_TEST_PYTHON");
        return configured == null || configured.isBlank() ? "/usr/bin/python3" : configured;
    }

    /** Skips the calling test (class, when called from {@code @BeforeAll}) unless Celery and redis-py import. */
    static synchronized void assumeInstalled() {
        if (installed == null) {
            installed = probe();
        }
        Assumptions.assumeTrue(installed, () -> python() + " cannot import celery and redis; "
                + "install Debian's python3-celery python3-redis (or set CELERIAC_TEST_PYTHON)");
    }

    private static boolean probe() {
        try {
            Process process = new ProcessBuilder(python(), "-c", "import celery, redis")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The directory holding the Python app and client (copied once from the test resources). */
    static synchronized Path appDir() {
        if (appDir == null) {
            try {
                Path dir = Files.createTempDirectory("celeriac-interop");
                for (String file : List.of("interop_app.py", "interop_client.py", "conformance.py", "sentinel_producer.py")) {
                    try (InputStream in = PythonCelery.class.getResourceAsStream("/interop/" + file)) {
                        if (in == null) {
                            throw new IllegalStateException("test resource interop/" + file + " is missing");
                        }
                        Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                appDir = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "interop-cleanup"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return appDir;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp directory left behind is harmless
        }
    }

    /** The test Redis as a URL redis-py understands (credentials included when there are any). */
    static String brokerUrl() {
        RedisUrl url = TestRedis.url();
        String auth = "";
        if (url.password() != null) {
            auth = (url.username() == null ? "" : encode(url.username())) + ":" + encode(url.password()) + "@";
        }
        return (url.tls() ? "rediss://" : "redis://") + auth + url.host() + ":" + url.port() + "/" + url.database();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Where Celery puts what it routes by default; nothing of ours should ever land here. */
    String defaultQueue() {
        return defaultQueue;
    }

    /** Deletes this deployment's private keys: its default queue and kombu's unacked hash, index and mutex. */
    void forget(Application app) {
        List<String> doomed = new ArrayList<>(app.keys().queueLists(defaultQueue));
        doomed.add(app.keys().binding(defaultQueue));
        doomed.add(unackedPrefix + "unacked");
        doomed.add(unackedPrefix + "unacked_index");
        doomed.add(unackedPrefix + "unacked_mutex");
        app.redis().getKeys().delete(doomed.toArray(String[]::new));
    }

    /** How many messages wait in the private default queue (all four priority lists). */
    long defaultQueueLength(Application app) {
        return app.keys().queueLists(defaultQueue).stream().mapToLong(list -> app.redis().getList(list).size()).sum();
    }

    Map<String, String> environment(Path readyFile) {
        return Map.of(
                "CELERIAC_INTEROP_BROKER", brokerUrl(),
                "CELERIAC_INTEROP_DEFAULT_QUEUE", defaultQueue,
                "CELERIAC_INTEROP_PREFIX", unackedPrefix,
                "CELERIAC_INTEROP_READY_FILE", readyFile == null ? "" : readyFile.toString(),
                "PYTHONPATH", celeryPath == null ? appDir().toString() : appDir() + java.io.File.pathSeparator + celeryPath,
                "PYTHONDONTWRITEBYTECODE", "1",
                "PYTHONUNBUFFERED", "1");
    }

    ProcessBuilder process(List<String> command, Path readyFile) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(appDir().toFile());
        builder.environment().putAll(environment(readyFile));
        return builder;
    }

    /**
     * Runs {@code interop_client.py} with {@code command} (see its docstring) and returns the
     * {@code results} array it prints; fails with the client's stderr if it exits non-zero or
     * outlives {@code timeout}.
     */
    JsonNode client(ObjectNode command, Duration timeout) {
        return script(List.of("interop_client.py", command.toString()), timeout).get("results");
    }

    /**
     * Runs a script of the app directory with {@code argv} and returns the JSON it prints; fails
     * with its stderr if it exits non-zero or outlives {@code timeout}.
     */
    JsonNode script(List<String> argv, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(python()));
        command.addAll(argv);
        try {
            Path out = Files.createTempFile(appDir(), "client", ".out");
            Path err = Files.createTempFile(appDir(), "client", ".err");
            Process process = process(command, null).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("python " + argv.get(0) + " ran longer than " + timeout + ": " + Files.readString(err));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("python " + argv.get(0) + " exited " + process.exitValue() + ": " + Files.readString(err));
            }
            JsonNode printed = JSON.readTree(out.toFile());
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running python " + argv.get(0), e);
        }
    }

    /** Starts a Python Celery worker consuming {@code queue}; returns once it is ready. */
    PythonWorker startWorker(String queue, Duration readyTimeout) {
        return startWorker(queue, "threads", readyTimeout);
    }

    /** The same with Celery's {@code pool} (prefork enforces time limits; threads does not). */
    PythonWorker startWorker(String queue, String pool, Duration readyTimeout) {
        return PythonWorker.start(this, queue, pool, "py-" + id + "-" + UUID.randomUUID().toString().substring(0, 4), readyTimeout);
    }
}
