package io.celeriac.beat.cli;

import io.celeriac.beat.BeatEntry;
import io.celeriac.beat.EntryOptions;
import io.celeriac.beat.redis.EntryState;
import io.celeriac.beat.redis.StoredEntry;
import io.celeriac.core.config.Durations;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code beat list} and {@code beat add} show an entry: its definition, its next fire times in
 * its own zone and in UTC, its last run and counts.
 */
final class EntryView {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz");

    private EntryView() {
    }

    static void print(PrintWriter out, StoredEntry stored, int count) {
        BeatEntry entry = stored.entry();
        EntryState state = stored.state();
        String status = stored.enabled() ? "enabled" : "disabled";
        if (state.override() != null) {
            status += " (by beat " + (state.override() ? "enable" : "disable") + ")";
        }
        out.println(entry.name() + "  " + status + "  " + (state.fromConfig() ? "config" : "dynamic"));
        out.println("  task      " + entry.task());
        out.println("  schedule  " + entry.schedule().describe() + "  misfire " + entry.misfire().text()
                + (entry.catchUpWindow() == null ? "" : " (window " + Durations.format(entry.catchUpWindow()) + ")"));
        String options = options(entry.options());
        if (!options.isEmpty()) {
            out.println("  options   " + options);
        }
        List<Instant> next = nextTimes(stored, count);
        String label = "  next      ";
        if (next.isEmpty()) {
            out.println(label + (stored.enabled() ? "never" : "-"));
        }
        for (Instant at : next) {
            out.println(label + show(at, entry));
            label = "            ";
        }
        out.println("  last run  " + (state.lastRun() == null ? "never" : state.lastRun() + "  task " + state.lastTaskId())
                + "  runs " + state.runs() + (state.skipped() > 0 ? "  skipped " + state.skipped() : ""));
    }

    /** The stored due time (which may be past, while no beat runs) and the occurrences after it. */
    static List<Instant> nextTimes(StoredEntry stored, int count) {
        List<Instant> out = new ArrayList<>();
        Instant first = stored.state().next();
        if (!stored.enabled() || first == null || count <= 0) {
            return out;
        }
        out.add(first);
        out.addAll(stored.entry().schedule().next(first, count - 1));
        return out;
    }

    private static String show(Instant at, BeatEntry entry) {
        if (entry.zone().normalized().equals(ZoneOffset.UTC)) {
            return at.toString();
        }
        return LOCAL.format(at.atZone(entry.zone())) + "  (" + at + ")";
    }

    private static String options(EntryOptions options) {
        List<String> parts = new ArrayList<>();
        if (options.queue() != null) {
            parts.add("queue=" + options.queue());
        }
        if (options.priority() != null) {
            parts.add("priority=" + options.priority());
        }
        if (options.expires() != null) {
            parts.add("expires=" + Durations.format(options.expires()));
        }
        return String.join(" ", parts);
    }
}
