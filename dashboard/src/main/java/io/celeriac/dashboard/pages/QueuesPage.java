package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.core.admin.WorkerView;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.dashboard.Fleet;
import io.celeriac.dashboard.QueueRates;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.auth.Sessions.Session;
import java.util.List;
import java.util.Map;

/** Every queue with its depth per priority step, paused or not, and its consumers; pause, resume; purge asks for the queue's name typed out. */
public final class QueuesPage {
    private QueuesPage() {
    }

    public static String body(Fleet fleet, Session session, String only) {
        List<WorkerView> workers = fleet.inspector().workers(fleet.clock().instant());
        StringBuilder html = new StringBuilder("<table><tr><th>Queue</th>");
        for (int step : RedisKeys.PRIORITY_STEPS) {
            html.append("<th>Priority ").append(step).append("</th>");
        }
        html.append("<th>Total</th><th title=\"finished by workers (succeeded, failed, or retried), per minute over the last ")
                .append(QueueRates.MINUTES).append(" minutes\">Out /min</th><th title=\"estimated: out plus the change in depth between")
                .append(" the dashboard's depth samples ").append(QueueRates.MINUTES).append(" minutes apart\">In /min (est.)</th>")
                .append("<th>State</th><th>Consumers</th><th></th></tr>");
        java.util.Set<String> paused = fleet.app().broker().pausedQueues();
        Map<String, Map<Integer, Long>> depths = fleet.inspector().depths(workers);
        Map<String, QueueRates.Rate> rates = fleet.rates().lastMinutes(List.copyOf(depths.keySet()), fleet.clock().instant());
        for (Map.Entry<String, Map<Integer, Long>> queue : depths.entrySet()) {
            String name = queue.getKey();
            if (only != null && !only.isBlank() && !name.equals(only)) {
                continue;
            }
            html.append("<tr><td>").append(esc(name)).append("</td>");
            long total = 0;
            for (long n : queue.getValue().values()) {
                html.append("<td class=\"num\">").append(n).append("</td>");
                total += n;
            }
            List<String> consumers = workers.stream().filter(w -> w.alive() && w.consumes(name)).map(WorkerView::name).toList();
            boolean isPaused = paused.contains(name);
            QueueRates.Rate rate = rates.get(name);
            html.append("<td class=\"num\">").append(total).append("</td><td class=\"num\" title=\"").append(rate.done())
                    .append(" in the last ").append(QueueRates.MINUTES).append(" min\">").append(perMinute(rate.outPerMinute()))
                    .append("</td><td class=\"num\">").append(rate.inPerMinute() == null ? "unknown" : perMinute(rate.inPerMinute()))
                    .append("</td><td>").append(isPaused ? "paused" : "active").append("</td><td>")
                    .append(esc(String.join(", ", consumers))).append("</td><td>")
                    .append(Layout.action(session, isPaused ? "/queues/resume" : "/queues/pause", isPaused ? "Resume" : "Pause", "queue", name));
            if (session.role().mayAct()) {
                html.append("<form method=\"post\" action=\"/queues/purge\" class=\"inline\">").append(Layout.csrf(session))
                        .append("<input type=\"hidden\" name=\"queue\" value=\"").append(esc(name)).append("\">")
                        .append("<input name=\"confirm\" placeholder=\"type the queue's name to purge\" autocomplete=\"off\">")
                        .append("<button>Purge</button></form>");
            }
            html.append("</td></tr>");
        }
        return html.append("</table>").append("<p class=\"note\">Rates cover the last ").append(QueueRates.MINUTES)
                .append(" minutes, this one included. In is estimated from out and the depth the dashboard samples each minute;"
                        + " it is unknown until the dashboard has run ").append(QueueRates.MINUTES).append(" minutes.</p>").toString();
    }

    private static String perMinute(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f", rate);
    }
}
