package io.celeriac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resident memory and threads of a process and its descendants (a prefork pool), from
 * /proc/PID/status and /proc/PID/smaps_rollup. A sum of RSS counts pages shared between the
 * processes (forked interpreters share most of theirs) once per process; PSS shares them out and
 * is the fairer sum, so both are reported.
 *
 * @param processes how many processes were read
 * @param rssMb     VmRSS summed, MB
 * @param peakRssMb VmHWM (each process's own peak) summed, MB
 * @param pssMb     Pss summed, MB (NaN where smaps_rollup is not readable)
 * @param threads   Threads summed
 */
record ProcessMemory(int processes, double rssMb, double peakRssMb, double pssMb, int threads) {

    /** {@code pid} and every process below it, read now. */
    static ProcessMemory ofTree(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        int processes = 0;
        int threads = 0;
        double rss = 0;
        double peak = 0;
        double pss = 0;
        for (long p : pids) {
            Path dir = Path.of("/proc/" + p);
            try {
                List<String> status = Files.readAllLines(dir.resolve("status"));
                rss += kb(status, "VmRSS:") / 1024.0;
                peak += kb(status, "VmHWM:") / 1024.0;
                threads += (int) kb(status, "Threads:");
                pss += pssKb(dir) / 1024.0;
                processes++;
            } catch (IOException | RuntimeException e) {
                // the process exited between the listing and the read: it holds nothing any more
            }
        }
        return new ProcessMemory(processes, rss, peak, pss, threads);
    }

    private static long kb(List<String> lines, String field) {
        for (String line : lines) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no " + field);
    }

    private static double pssKb(Path dir) {
        try {
            return kb(Files.readAllLines(dir.resolve("smaps_rollup")), "Pss:");
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
