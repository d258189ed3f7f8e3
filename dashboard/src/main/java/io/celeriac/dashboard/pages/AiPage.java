package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.ai.model.AiTask;
import io.celeriac.dashboard.Html;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.auth.Sessions.Session;
import java.util.List;

/** The users' scheduled AI tasks (newest first), with pause and resume; a "not configured" panel without PostgreSQL. */
public final class AiPage {
    private AiPage() {
    }

    public static String notConfigured(String why) {
        return "<div class=\"card\"><div class=\"label\">AI tasks: not configured</div><p>" + esc(why) + "</p></div>";
    }

    /** Titles are the users' words: hidden with {@code --redact}. */
    public static String body(List<AiTask> tasks, Session session, boolean redact) {
        StringBuilder html = new StringBuilder("<table><tr><th>Id</th><th>User</th><th>Title</th><th>Status</th><th>Schedule</th>"
                + "<th>Zone</th><th>Next run</th><th>Last run</th><th>Runs</th><th></th></tr>");
        for (AiTask t : tasks) {
            String id = Long.toString(t.id());
            html.append("<tr><td>").append(id).append("</td><td>").append(t.userId()).append("</td><td>")
                    .append(redact ? "(hidden: --redact)" : esc(t.title())).append("</td><td>").append(esc(t.status().dbName()))
                    .append("</td><td>").append(esc(t.schedule().describe())).append("</td><td>").append(esc(t.zone().getId()))
                    .append("</td><td>").append(Html.time(t.nextRunAt())).append("</td><td>").append(Html.time(t.lastRunAt()))
                    .append("</td><td class=\"num\">").append(t.runCount()).append("</td><td>")
                    .append("active".equals(t.status().dbName()) ? Layout.action(session, "/ai/pause", "Pause", "id", id) : "")
                    .append("paused".equals(t.status().dbName()) ? Layout.action(session, "/ai/resume", "Resume", "id", id) : "")
                    .append("</td></tr>");
        }
        if (tasks.isEmpty()) {
            html.append("<tr><td colspan=\"10\">No AI tasks.</td></tr>");
        }
        return html.append("</table>").toString();
    }
}
