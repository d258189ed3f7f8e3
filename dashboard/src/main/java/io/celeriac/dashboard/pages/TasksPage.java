package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.dashboard.Html;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.Paging;
import io.celeriac.dashboard.TaskHit;
import io.celeriac.dashboard.TaskQuery;
import io.celeriac.dashboard.TaskSearch;
import java.util.List;

/** The task search form, what the search read (it reads windows, so it says how much), and the hits a page at a time. */
public final class TasksPage {
    private TasksPage() {
    }

    public static String body(TaskQuery query, TaskSearch.Result result, Paging paging, boolean redact) {
        StringBuilder html = new StringBuilder("<form method=\"get\" action=\"/tasks\" class=\"search\">")
                .append(field("name", "task name (globs: * ?)", query.name()))
                .append("<select name=\"state\"><option value=\"\">any state</option>");
        for (String state : TaskQuery.STATES) {
            html.append("<option").append(state.equals(query.state()) ? " selected" : "").append(">").append(state).append("</option>");
        }
        html.append("</select>").append(field("queue", "queue", query.queue()))
                .append(field("from", "from (UTC, 2026-12-07T10:30)", query.from() == null ? null : query.from().toString()))
                .append(field("to", "to (UTC)", query.to() == null ? null : query.to().toString()));
        if (!redact) {
            html.append(field("text", "text in the arguments", query.text()));
        }
        html.append("<button>Search</button></form>");
        html.append("<details class=\"note\"><summary>What this search reads</summary><ul>");
        for (TaskSearch.Coverage c : result.coverage()) {
            html.append("<li>").append(esc(c.source())).append(": read ").append(c.read())
                    .append(c.total() < 0 ? " (more may exist, not read)" : " of " + c.total()).append(c.complete() ? " (all)" : "")
                    .append("</li>");
        }
        html.append("</ul><p>Each source is read a bounded window at a time (at most ").append(TaskSearch.QUEUE_WINDOW)
                .append(" per queue and priority, ").append(TaskSearch.DELAYED_WINDOW).append(" delayed, ").append(TaskSearch.DEAD_WINDOW)
                .append(" dead letters, ").append(TaskSearch.RESULTS_WINDOW).append(" results found within ")
                .append(TaskSearch.RESULTS_SCAN_CALLS * io.celeriac.core.broker.Keyspace.CHUNK).append(" keys scanned), so a task beyond a window is not found here;"
                        + " tasks running on a worker are on the Workers page. A result has a name, queue and arguments only when"
                        + " workers run with result_extended; without it only state and time filters can match it."
                        + " To find one task anywhere by its id, use the <a href=\"/task\">Task</a> page.</p></details>");
        List<TaskHit> hits = result.hits();
        html.append(Layout.pager("/tasks", query.queryString(), paging, hits.size()));
        html.append("<table><tr><th>Task id</th><th>Task</th><th>State</th><th>Queue</th><th>At</th><th>Where</th>")
                .append(redact ? "" : "<th>Arguments</th>").append("</tr>");
        for (TaskHit hit : hits.subList((int) Math.min(hits.size(), paging.from()), (int) Math.min(hits.size(), paging.to() + 1))) {
            String id = hit.id() == null ? "" : hit.id();
            html.append("<tr><td><a href=\"/task/").append(esc(Html.url(id))).append("\">").append(esc(id)).append("</a></td><td>")
                    .append(esc(hit.name())).append("</td><td>").append(esc(hit.state())).append("</td><td>").append(esc(hit.queue()))
                    .append("</td><td>");
            if (hit.at() != null) {
                html.append("<time datetime=\"").append(hit.at()).append("\" title=\"").append(hit.at()).append("\">").append(hit.at())
                        .append("</time>");
            }
            html.append("</td><td>").append(esc(hit.where())).append("</td>");
            if (!redact) {
                html.append("<td><code>").append(esc(abbreviate(hit.argumentText()))).append("</code></td>");
            }
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    private static String field(String name, String placeholder, String value) {
        return "<input name=\"" + name + "\" placeholder=\"" + esc(placeholder) + "\" value=\"" + esc(value) + "\">";
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
