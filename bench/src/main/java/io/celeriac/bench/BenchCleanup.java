package io.celeriac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * What a bench started (processes, a temporary directory) and must take down however it ends: by
 * {@link #close()} in a finally, or by a JVM shutdown hook when the bench is stopped with Ctrl-C or
 * SIGTERM mid-run, so no redis-server or worker outlives it. Last added, first closed.
 */
final class BenchCleanup implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Thread hook = new Thread(this::closeAll, "bench-cleanup");

    BenchCleanup() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Closes {@code resource} at the end, before what was added earlier; returns it. */
    synchronized <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Deletes {@code dir} and all under it at the end. */
    void deleteAtEnd(Path dir) {
        add(() -> delete(dir));
    }

    /** Closes {@code resource} now if it was added, and forgets it. */
    void closeNow(AutoCloseable resource) {
        synchronized (this) {
            if (!resources.remove(resource)) {
                return;
            }
        }
        closeQuietly(resource);
    }

    @Override
    public void close() {
        closeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or ran
        }
    }

    private void closeAll() {
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = resources.poll();
            }
            if (next == null) {
                return;
            }
            closeQuietly(next);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // one that fails to close must not keep the others running
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
