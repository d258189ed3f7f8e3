package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.beat.redis.BeatStore;
import io.celeriac.beat.redis.EntryState;
import io.celeriac.beat.redis.StoredEntry;
import io.celeriac.dashboard.Fleet;
import io.celeriac.dashboard.Html;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.auth.Sessions.Session;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The beat's schedule as stored in Redis (the beat module's {@link BeatStore}, as {@code celeriac
 * beat list} reads it): each entry's task, schedule, zone, next and last fire, runs, and the
 * leader replica. Operators enable or disable an entry (an override that survives config syncs).
 * The entries are the application's schedule, a config-sized set, read whole.
 */
public final class BeatPage {
    private BeatPage() {
    }

    public static String body(Fleet fleet, Session session) {
        BeatStore store = BeatStore.of(fleet.app());
        String leaderKey = store.keys().leader();
        Map<String, String> leader = fleet.keyspace().hashes(List.of(leaderKey)).getOrDefault(leaderKey, Map.of());
        StringBuilder html = new StringBuilder("<p>Leader: ");
        if (leader.isEmpty()) {
            html.append("no beat replica holds the lease");
        } else {
            html.append(esc(leader.getOrDefault("owner", "?"))).append(", lease until ").append(Html.time(millis(leader.get("expires"))));
        }
        List<StoredEntry> entries = store.readAll().entries();
        html.append("</p><table><tr><th>Entry</th><th>Task</th><th>Schedule</th><th>Zone</th><th>State</th><th>Next</th>"
                + "<th>Last run</th><th>Runs</th><th></th></tr>");
        for (StoredEntry stored : entries) {
            EntryState state = stored.state();
            html.append("<tr><td>").append(esc(stored.name())).append("</td><td>").append(esc(stored.entry().task())).append("</td><td>")
                    .append(esc(stored.entry().schedule().describe())).append("</td><td>").append(esc(stored.entry().zone()))
                    .append("</td><td>").append(stored.enabled() ? "enabled" : "disabled")
                    .append(state.override() == null ? "" : " (operator)").append("</td><td>")
                    .append(stored.enabled() ? Html.time(state.next()) : "").append("</td><td>").append(Html.time(state.lastRun()))
                    .append(state.lastTaskId() == null ? "" : " <a href=\"/task/" + esc(Html.url(state.lastTaskId())) + "\">task</a>")
                    .append("</td><td class=\"num\">").append(state.runs()).append("</td><td>")
                    .append(stored.enabled()
                            ? Layout.action(session, "/beat/disable", "Disable", "name", stored.name())
                            : Layout.action(session, "/beat/enable", "Enable", "name", stored.name()))
                    .append(Layout.action(session, "/beat/run", "Run now", "name", stored.name()))
                    .append("</td></tr>");
        }
        if (entries.isEmpty()) {
            html.append("<tr><td colspan=\"9\">No beat entries (a beat writes the config's entries when it starts).</td></tr>");
        }
        return html.append("</table>").toString();
    }

    private static Instant millis(String text) {
        try {
            return text == null ? null : Instant.ofEpochMilli(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
