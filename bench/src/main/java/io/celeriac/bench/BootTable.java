package io.celeriac.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code bench boot}'s text table, and the drain ratios against Celery it ends with. */
final class BootTable {
    private static final String ROW = "  %-26s %7s  %7s %7s %7s %9s %9s  %6s %6s %6s %7s%n";

    private BootTable() {
    }

    static void print(PrintWriter out, List<BootRow> rows) {
        out.println();
        out.printf(ROW, "", "", "first", "drain", "", "launcher", "ready", "peak", "idle", "idle", "idle");
        out.printf(ROW, "worker", "waiting", "result", "incl.", "tasks/s", "exec'd", "log line", "RSS", "RSS", "PSS", "threads");
        out.printf(ROW, "", "", "s", "boot s", "", "JVM s", "s", "MB", "MB", "MB", "");
        for (BootRow row : rows) {
            if (!row.measured()) {
                out.printf("  %-26s %7d  %s%n", row.label(), row.waiting(),
                        row.failure() != null ? "FAILED: " + row.failure() : "skipped");
                continue;
            }
            out.printf(ROW, row.label(), row.waiting(), f3(row.median(BootRun::firstResultS)), f3(row.median(BootRun::lastResultS)),
                    Math.round(row.drainPerSecond()), f3(row.median(BootRun::launcherS)), f3(row.median(BootRun::readyS)),
                    f0(row.median(BootRun::peakRssMb)), f0(row.median(BootRun::idleRssMb)), f0(row.median(BootRun::idlePssMb)),
                    f0(row.median(r -> r.idleThreads())));
            if (row.failure() != null) {
                out.printf("  %-26s FAILED after %d runs: %s%n", "", row.toJson().get("runs"), row.failure());
            }
        }
        Map<String, Object> ratios = ratios(rows);
        if (!ratios.isEmpty()) {
            out.println();
            out.println("  Drain including boot, Celeriac's speed over Celery's (same messages, same run):");
            ratios.forEach((k, v) -> out.printf("    %-60s %sx%n", k, v));
        }
        out.println();
        out.println("  first result / drain: exec of the worker command to the first / every task's result in Redis.");
        out.println("  launcher: exec to the JVM's exec by the launcher script; ready: exec to the worker's \"ready\" log line.");
        out.println("  peak RSS: VmHWM at the end of the drain; idle: ~2 s after it. Celery's: summed over its main and pool processes.");
        out.flush();
    }

    /** "W=15000, celeriac -c 8 / celery prefork -c 2" -> how many times faster Celeriac drained, boot included. */
    static Map<String, Object> ratios(List<BootRow> rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (BootRow celeriac : rows) {
            if (!"celeriac".equals(celeriac.system()) || !celeriac.measured()) {
                continue;
            }
            for (BootRow celery : rows) {
                if ("celery".equals(celery.system()) && celery.measured() && celery.waiting() == celeriac.waiting()) {
                    double ratio = celery.median(BootRun::lastResultS) / celeriac.median(BootRun::lastResultS);
                    out.put("W=" + celeriac.waiting() + ", " + celeriac.label() + " vs " + celery.label(),
                            Math.round(ratio * 10) / 10.0);
                }
            }
        }
        return out;
    }

    private static String f3(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String f0(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }
}
