package io.celeriac.core.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.internal.NodeName;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * {@code inspect stats} in the shape of a Python worker's answer: {@code total}, {@code pid},
 * {@code clock}, {@code uptime}, {@code pool}, {@code broker}, {@code prefetch_count} and
 * {@code rusage}, the last with what the JVM can tell (CPU times, peak resident memory in KiB),
 * plus a {@code jvm} section of its own.
 */
final class WorkerStatistics {
    private WorkerStatistics() {
    }

    static ObjectNode of(ControlContext ctx) {
        ObjectNode stats = JsonNodeFactory.instance.objectNode();
        ObjectNode total = stats.putObject("total");
        ctx.totals().totals().forEach(total::put);
        stats.put("pid", NodeName.pid());
        // Celery sends the clock as a string here
        stats.put("clock", String.valueOf(ctx.lamport().forward()));
        long started = ctx.worker().startedMillis();
        stats.put("uptime", started > 0 ? Duration.ofMillis(ctx.clock().millis() - started).toSeconds() : 0);
        int concurrency = ctx.worker().concurrency();
        stats.putObject("pool").put("max-concurrency", concurrency).put("implementation", "virtual-threads")
                .put("threads", concurrency);
        ObjectNode broker = stats.putObject("broker");
        broker.put("hostname", ctx.brokerUrl().host());
        broker.putNull("userid");
        broker.put("virtual_host", String.valueOf(ctx.brokerUrl().database()));
        broker.put("port", ctx.brokerUrl().port());
        broker.put("insist", false);
        broker.put("ssl", ctx.brokerUrl().tls());
        broker.put("transport", "redis");
        stats.put("prefetch_count", concurrency);
        stats.set("rusage", rusage());
        Runtime runtime = Runtime.getRuntime();
        stats.putObject("jvm").put("version", Runtime.version().toString())
                .put("heap_used", runtime.totalMemory() - runtime.freeMemory()).put("heap_max", runtime.maxMemory())
                .put("threads", ManagementFactory.getThreadMXBean().getThreadCount())
                .put("gc_count", ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum());
        return stats;
    }

    /** getrusage's figures the JVM knows: user and system CPU seconds, max resident set (KiB). */
    private static ObjectNode rusage() {
        ObjectNode rusage = JsonNodeFactory.instance.objectNode();
        double cpu = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu = os.getProcessCpuTime() / 1e9;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double user = 0;
        if (threads.isCurrentThreadCpuTimeSupported()) {
            for (long id : threads.getAllThreadIds()) {
                long nanos = threads.getThreadUserTime(id);
                user += nanos > 0 ? nanos / 1e9 : 0;
            }
        }
        rusage.put("utime", round(Math.min(user, cpu)));
        rusage.put("stime", round(Math.max(0, cpu - user)));
        rusage.put("maxrss", peakRssKib());
        return rusage;
    }

    private static long peakRssKib() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return Runtime.getRuntime().totalMemory() / 1024;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }
}
