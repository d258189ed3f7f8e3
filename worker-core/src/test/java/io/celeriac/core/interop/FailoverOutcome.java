package io.celeriac.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a Python producer saw across a failover ({@code sentinel_producer.py}'s report) set against
 * the runs a worker recorded: sent and completed counts, what was lost (and whether inside the
 * async-replication window around the kill), duplicate runs and how long the failover took.
 *
 * @param sent              sends Python saw acknowledged
 * @param completed         of those, results Python read with the right value ({@code 2 * i})
 * @param wrong             results Python read with another value
 * @param lostInWindow      acknowledged, no result, sent within the window before the kill
 * @param lostOutsideWindow acknowledged, no result, sent any other time
 * @param gaveUp            sends never acknowledged however often retried
 * @param duplicates        runs beyond the first of a task
 * @param sentAfterKill     sends acknowledged after the kill (by the new master)
 * @param failoverMs        from the kill to the sentinels naming the new master
 * @param sendStallMs       the longest time between two acknowledged sends
 * @param firstRunAfterKillMs from the kill to the first run of a task sent after it (the worker on the new master)
 * @param maxLatencyAfterKillMs the longest a task sent after the kill waited from its send to its (first) run
 */
record FailoverOutcome(int sent, int completed, List<String> wrong, List<String> lostInWindow,
                       List<String> lostOutsideWindow, List<String> gaveUp, int duplicates, int sentAfterKill,
                       long failoverMs, long sendStallMs, long firstRunAfterKillMs, long maxLatencyAfterKillMs,
                       JsonNode sendErrors, JsonNode getErrors) {

    /** {@code runs}: the worker's lines, {@code <task id> <epoch ms it ran>}. */
    static FailoverOutcome of(JsonNode report, List<String> runs, long killedAt, long failoverMs, long windowMs) {
        Map<String, Long> firstRun = new HashMap<>();
        for (String line : runs) {
            String[] fields = line.split(" ");
            firstRun.merge(fields[0], Long.parseLong(fields[1]), Math::min);
        }
        JsonNode results = report.get("results");
        long firstRunAfterKill = Long.MAX_VALUE;
        long maxLatencyAfterKill = 0;
        List<String> wrong = new ArrayList<>();
        List<String> lostInWindow = new ArrayList<>();
        List<String> lostOutsideWindow = new ArrayList<>();
        int completed = 0;
        int sentAfterKill = 0;
        long previous = -1;
        long stall = 0;
        for (Iterator<Map.Entry<String, JsonNode>> acks = report.get("acked").fields(); acks.hasNext(); ) {
            Map.Entry<String, JsonNode> ack = acks.next();
            String id = ack.getKey();
            long ackedAt = ack.getValue().asLong();
            stall = previous < 0 ? 0 : Math.max(stall, ackedAt - previous);
            previous = ackedAt;
            Long ranAt = firstRun.get(id);
            if (ackedAt > killedAt) {
                sentAfterKill++;
                if (ranAt != null) {
                    firstRunAfterKill = Math.min(firstRunAfterKill, ranAt - killedAt);
                    maxLatencyAfterKill = Math.max(maxLatencyAfterKill, ranAt - ackedAt);
                }
            }
            JsonNode value = results.get(id);
            if (value == null || value.isNull()) {
                // acknowledged by the master in the instant it died: its replica may not have had it
                boolean inWindow = ackedAt >= killedAt - windowMs && ackedAt <= killedAt + failoverMs;
                (inWindow ? lostInWindow : lostOutsideWindow).add(id);
            } else if (value.asLong() == 2L * index(id)) {
                completed++;
            } else {
                wrong.add(id + "=" + value);
            }
        }
        List<String> gaveUp = new ArrayList<>();
        report.get("gave_up").forEach(id -> gaveUp.add(id.asText()));
        return new FailoverOutcome(report.get("acked").size(), completed, wrong, lostInWindow, lostOutsideWindow, gaveUp,
                runs.size() - firstRun.size(), sentAfterKill, failoverMs, stall,
                firstRunAfterKill == Long.MAX_VALUE ? -1 : firstRunAfterKill, maxLatencyAfterKill,
                report.get("send_errors"), report.get("get_errors"));
    }

    /** The {@code i} of a task id {@code <prefix>-<i>}. */
    private static long index(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    int lost() {
        return lostInWindow.size() + lostOutsideWindow.size();
    }

    @Override
    public String toString() {
        return "sent " + sent + ", completed " + completed + ", lost " + lost() + " (in the async-replication window "
                + lostInWindow + ", outside it " + lostOutsideWindow + "), wrong " + wrong + ", gave up " + gaveUp
                + ", duplicate runs " + duplicates + ", sent after the kill " + sentAfterKill + ", failover " + failoverMs
                + " ms, longest send stall " + sendStallMs + " ms, first run of a task sent after the kill "
                + firstRunAfterKillMs + " ms after the kill, longest send-to-run after the kill " + maxLatencyAfterKillMs
                + " ms, send errors " + sendErrors + ", result read errors " + getErrors;
    }
}
