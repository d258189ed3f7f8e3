package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.core.admin.TaskLocation;
import io.celeriac.core.admin.TaskReport;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.dashboard.Html;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.auth.Sessions.Session;

/** One task wherever it is (TaskLocator): state, headers, arguments, result or traceback, where it sits; revoke. */
public final class TaskPage {
    static final String REDACTED = "(hidden: --redact)";

    private TaskPage() {
    }

    public static String search(String id) {
        return "<form method=\"get\" action=\"/task\"><input name=\"id\" placeholder=\"task id\" value=\"" + esc(id)
                + "\" size=\"40\"><button>Find</button></form>";
    }

    public static String body(TaskReport report, boolean queuesSearched, Session session, boolean redact) {
        StringBuilder html = new StringBuilder(search(report.taskId()));
        TaskMessage m = report.message();
        html.append("<table class=\"kv\"><tr><th>Task id</th><td>").append(esc(report.taskId())).append("</td></tr>")
                .append("<tr><th>State</th><td>").append(esc(report.state())).append("</td></tr>")
                .append("<tr><th>Name</th><td>").append(esc(m == null ? "" : m.task())).append("</td></tr>");
        if (m != null) {
            html.append("<tr><th>Retries</th><td>").append(m.retries()).append("</td></tr>")
                    .append("<tr><th>Args</th><td><pre>").append(redact ? REDACTED : esc(m.args().toString())).append("</pre></td></tr>")
                    .append("<tr><th>Kwargs</th><td><pre>").append(redact ? REDACTED : esc(m.kwargs().toString())).append("</pre></td></tr>")
                    .append("<tr><th>Headers</th><td><pre>").append(redact ? REDACTED : esc(m.headers().toPrettyString()))
                    .append("</pre></td></tr>");
        }
        if (report.revokedUntil() != null) {
            html.append("<tr><th>Revoked until</th><td>").append(Html.time(report.revokedUntil())).append("</td></tr>");
        }
        ResultMeta result = report.result();
        if (result != null) {
            html.append("<tr><th>Result state</th><td>").append(esc(result.state())).append("</td></tr>")
                    .append("<tr><th>Done</th><td>").append(Html.time(result.dateDone())).append("</td></tr>")
                    .append("<tr><th>Result</th><td><pre>")
                    .append(redact ? REDACTED : esc(result.result() == null ? "" : result.result().toPrettyString())).append("</pre></td></tr>");
            if (result.traceback() != null) {
                html.append("<tr><th>Traceback</th><td><pre>").append(redact ? REDACTED : esc(result.traceback())).append("</pre></td></tr>");
            }
        }
        html.append("</table><h2>Where it is</h2><ul>");
        for (TaskLocation location : report.locations()) {
            html.append("<li><code>").append(esc(location.toJson().toString())).append("</code></li>");
        }
        html.append("</ul>");
        if (!queuesSearched) {
            html.append("<p>The waiting queues and the dead-letter list were not searched (with many entries that takes seconds): <a href=\"/task/")
                    .append(esc(Html.url(report.taskId()))).append("?queues=search\">search them too</a>.</p>");
        }
        if (!report.whyNotRunning().isEmpty()) {
            html.append("<h2>Why it is not running</h2><ul>");
            report.whyNotRunning().forEach(why -> html.append("<li>").append(esc(why)).append("</li>"));
            html.append("</ul>");
        }
        return html.append(Layout.action(session, "/task/revoke", "Revoke", "task_id", report.taskId()))
                .append(Layout.action(session, "/task/terminate", "Terminate", "task_id", report.taskId())).toString();
    }
}
