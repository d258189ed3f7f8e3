package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.core.admin.RunningTask;
import io.celeriac.core.admin.WorkerView;
import io.celeriac.dashboard.Fleet;
import io.celeriac.dashboard.Html;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.auth.Sessions.Session;
import java.time.Duration;
import java.time.Instant;

/** Every worker Redis knows, alive or dead: host, queues, concurrency, heartbeat age, counters, running tasks. */
public final class WorkersPage {
    private WorkersPage() {
    }

    public static String body(Fleet fleet, Session session) {
        Instant now = fleet.clock().instant();
        StringBuilder html = new StringBuilder("<table><tr><th>Worker</th><th>State</th><th>Host</th><th>Version</th><th>Queues</th>"
                + "<th>Concurrency</th><th>Heartbeat age</th><th>Processed</th><th>Failed</th><th>Running</th><th></th></tr>");
        for (WorkerView w : fleet.inspector().workers(now)) {
            html.append("<tr class=\"").append(w.alive() ? "alive" : "dead").append("\"><td>").append(esc(w.name())).append("</td><td>")
                    .append(esc(w.state())).append("</td><td>").append(esc(w.host())).append("</td><td>").append(esc(w.version()))
                    .append("</td><td>").append(esc(String.join(", ", w.queues()))).append("</td><td class=\"num\">").append(w.concurrency())
                    .append("</td><td>").append(w.lastHeartbeat() == null ? "" : esc(OverviewPage.age(
                            Math.max(0, Duration.between(w.lastHeartbeat(), now).toMillis()))))
                    .append("</td><td class=\"num\">").append(w.counters().getOrDefault("processed", 0L))
                    .append("</td><td class=\"num\">").append(w.counters().getOrDefault("failed", 0L)).append("</td><td>");
            for (RunningTask task : w.running()) {
                html.append("<a href=\"/task/").append(esc(Html.url(task.id()))).append("\">").append(esc(task.name())).append("</a> ");
            }
            html.append("</td><td>");
            if (w.alive()) {
                html.append(Layout.action(session, "/workers/grow", "+1", "worker", w.name()))
                        .append(Layout.action(session, "/workers/shrink", "-1", "worker", w.name()))
                        .append(Layout.action(session, "/workers/shutdown", "Shut down", "worker", w.name()));
            }
            html.append("</td></tr>");
        }
        return html.append("</table>").toString();
    }
}
