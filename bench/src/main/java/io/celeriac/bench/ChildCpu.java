package io.celeriac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of this JVM's finished children, from {@code cutime} and {@code cstime}
 * of /proc/self/stat: the kernel adds a child's times there when it is reaped, so the difference
 * across one {@code Process.waitFor()} is that child's whole CPU time, threads and JIT included,
 * read after it exited (when its own /proc entry is gone). Children still running (the bench's
 * worker) are not in it until they exit.
 */
final class ChildCpu {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private ChildCpu() {
    }

    /** Seconds of CPU of the children reaped so far, or NaN where /proc cannot tell. */
    static double reapedSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after "(comm) ": state is index 0, so cutime (field 16) is 13 and cstime 14
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
