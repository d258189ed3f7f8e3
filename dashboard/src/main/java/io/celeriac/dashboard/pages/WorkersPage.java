package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.core.admin.RunningTask;
import io.celeriac.core.admin.WorkerView;
import io.celeriac.dashboard.Fleet;
import io.celeriac.dashboard.Html;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.LiveSnapshot;
import io.celeriac.dashboard.auth.Sessions.Session;
import java.time.Instant;

/** Every worker Redis knows, alive or dead: host, queues, concurrency, heartbeat age, counters, running tasks. */
public final class WorkersPage {
    private WorkersPage() {
    }

    public static String body(Fleet fleet, Session session) {
        Instant now = fleet.clock().instant();
        StringBuilder html = new StringBuilder(Layout.LIVE_STATUS + "<p class=\"note\">State, concurrency, heartbeat age and counters"
                + " update every 5 s; a worker that appears or leaves shows on reload.</p><table><tr><th>Worker</th><th>State</th><th>Host</th><th>Version</th><th>Queues</th>"
                + "<th>Concurrency</th><th>Heartbeat age</th><th>Processed</th><th>Failed</th><th>Running</th><th></th></tr>");
        for (WorkerView w : fleet.inspector().workers(now)) {
            html.append("<tr class=\"").append(w.alive() ? "alive" : "dead").append("\"><td>").append(esc(w.name())).append("</td>")
                    .append(cell(w, "state", esc(w.state()), false)).append("<td>").append(esc(w.host())).append("</td><td>")
                    .append(esc(w.version())).append("</td><td>").append(esc(String.join(", ", w.queues()))).append("</td>")
                    .append(cell(w, "concurrency", String.valueOf(w.concurrency()), true))
                    .append(cell(w, "heartbeat", esc(LiveSnapshot.heartbeatAge(w, now)), false))
                    .append(cell(w, "processed", String.valueOf(w.counters().getOrDefault("processed", 0L)), true))
                    .append(cell(w, "failed", String.valueOf(w.counters().getOrDefault("failed", 0L)), true)).append("<td>");
            for (RunningTask task : w.running()) {
                html.append("<a href=\"/task/").append(esc(Html.url(task.id()))).append("\">").append(esc(task.name())).append("</a> ");
            }
            html.append("</td><td>");
            if (w.alive()) {
                html.append(Layout.action(session, "/workers/grow", "+1", "worker", w.name()))
                        .append(Layout.action(session, "/workers/shrink", "-1", "worker", w.name()))
                        .append(Layout.action(session, "/workers/shutdown", "Shut down", "worker", w.name()));
                for (String queue : w.queues()) {
                    html.append(Layout.action(session, "/workers/cancel-consumer", "Stop consuming " + queue, "worker", w.name(),
                            "queue", queue));
                }
                if (session.role().mayAct()) {
                    html.append("<form method=\"post\" action=\"/workers/add-consumer\" class=\"inline\">").append(Layout.csrf(session))
                            .append("<input type=\"hidden\" name=\"worker\" value=\"").append(esc(w.name())).append("\">")
                            .append("<input name=\"queue\" placeholder=\"queue\" size=\"10\"><button>Add consumer</button></form>");
                }
            }
            html.append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    /** A cell the page updates in place every few seconds (see {@link LiveSnapshot}). */
    private static String cell(WorkerView w, String field, String text, boolean number) {
        return "<td" + (number ? " class=\"num\"" : "") + OverviewPage.live(LiveSnapshot.workerKey(w.name(), field)) + ">" + text + "</td>";
    }
}
