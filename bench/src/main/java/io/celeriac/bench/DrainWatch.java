package io.celeriac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.redisson.api.RKeys;

/**
 * Watches a worker drain the tasks waiting for it, from the exec of its command:
 *
 * <ol>
 *   <li>every 2 ms, until the first message's result is in Redis (the first sent is the first a
 *       worker takes; the queue is FIFO), noting when the launcher script exec'd the JVM (its
 *       /proc/PID/comm turns from {@code bash} to {@code java});</li>
 *   <li>every 2 ms, until the last message's result is there; then every result is checked
 *       (a pool finishes tasks out of order), polling on until all are there;</li>
 *   <li>the peak resident memory read at once, before the worker idles.</li>
 * </ol>
 *
 * A 2 ms poll is one EXISTS on the bench's connection; finer polling would cost the measured
 * machine CPU for a resolution the figures do not need.
 */
final class DrainWatch {
    private static final long POLL_NANOS = 2_000_000;
    private static final Duration FIRST_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    /** When things happened, in System.nanoTime(); launcher 0 when no launcher script ran. */
    record Marks(long launcher, long first, long last, ProcessMemory peak) {
    }

    private DrainWatch() {
    }

    static Marks watch(RKeys keys, long pid, long execNanos, List<String> resultKeys, BooleanSupplier alive, Path log) {
        Path comm = Path.of("/proc/" + pid + "/comm");
        // the child is named "java" (a fork of this JVM) or "jspawnhelper" until it execs, then
        // "bash" while the launcher script runs, then "java": the JVM's exec is "java" after "bash"
        boolean scriptSeen = false;
        long launcher = 0;
        String firstKey = resultKeys.getFirst();
        long first = 0;
        long deadline = execNanos + FIRST_TIMEOUT.toNanos();
        while (true) {
            if (launcher == 0) {
                String name = name(comm);
                if (scriptSeen && "java".equals(name)) {
                    launcher = System.nanoTime();
                }
                scriptSeen |= "bash".equals(name);
            }
            if (keys.countExists(firstKey) > 0) {
                first = System.nanoTime();
                break;
            }
            check(alive, deadline, "its first result", log);
            LockSupport.parkNanos(POLL_NANOS);
        }
        String lastKey = resultKeys.getLast();
        deadline = execNanos + DRAIN_TIMEOUT.toNanos();
        while (keys.countExists(lastKey) == 0) {
            check(alive, deadline, "its last result", log);
            LockSupport.parkNanos(POLL_NANOS);
        }
        while (missing(keys, resultKeys) > 0) {
            check(alive, deadline, "every result", log);
            LockSupport.parkNanos(POLL_NANOS);
        }
        long last = System.nanoTime();
        return new Marks(launcher, first, last, ProcessMemory.ofTree(pid));
    }

    private static long missing(RKeys keys, List<String> resultKeys) {
        long missing = 0;
        for (int from = 0; from < resultKeys.size(); from += 1000) {
            List<String> chunk = resultKeys.subList(from, Math.min(resultKeys.size(), from + 1000));
            missing += chunk.size() - keys.countExists(chunk.toArray(String[]::new));
        }
        return missing;
    }

    private static void check(BooleanSupplier alive, long deadline, String what, Path log) {
        if (!alive.getAsBoolean()) {
            throw new IllegalStateException("the worker exited before " + what + "; see " + log);
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no " + what + " in time; see " + log);
        }
    }

    private static String name(Path comm) {
        try {
            return Files.readString(comm).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
