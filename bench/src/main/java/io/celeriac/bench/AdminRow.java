package io.celeriac.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code bench admin}: a command of one CLI, measured, failed or skipped.
 *
 * @param name    the job (status, send, result, inspect ping, ai create)
 * @param cli     celeriac or celery
 * @param command as a user types it (QUEUE, NODE, ID for the bench's private names)
 * @param timing  null unless measured
 * @param note    how it compares, or why it was skipped
 * @param failure what went wrong, or null
 */
record AdminRow(String name, String cli, String command, Timing timing, String note, String failure) {

    static AdminRow measured(String name, String cli, String command, Timing timing, String note) {
        return new AdminRow(name, cli, command, timing, note, null);
    }

    static AdminRow failed(String name, String cli, String command, String failure) {
        return new AdminRow(name, cli, command, null, null, failure);
    }

    static AdminRow skipped(String name, String cli, String command, String why) {
        return new AdminRow(name, cli, command, null, why, null);
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("cli", cli);
        out.put("command", command);
        if (timing != null) {
            out.put("wall_s", Timing.summary(timing.wallSeconds()));
            out.put("cpu_s", Timing.summary(timing.cpuSeconds()));
        } else if (failure == null) {
            out.put("skipped", true);
        }
        if (failure != null) {
            out.put("failed", failure);
        }
        if (note != null) {
            out.put("note", note);
        }
        return out;
    }
}
