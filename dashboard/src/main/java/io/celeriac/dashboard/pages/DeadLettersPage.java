package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.core.admin.DeadLetter;
import io.celeriac.core.admin.DeadLetterFilter;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.dashboard.Fleet;
import io.celeriac.dashboard.Html;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.Paging;
import io.celeriac.dashboard.auth.Sessions.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * The dead-letter list, newest first, one LRANGE window per page; filtered by queue or task name
 * (globs: * and ?), it reads from the newest only as far as the page needs. Each entry can be requeued, deleted or downloaded raw.
 */
public final class DeadLettersPage {
    private DeadLettersPage() {
    }

    public static String body(Fleet fleet, Session session, Paging paging, String queue, String task) {
        queue = queue == null || queue.isBlank() ? null : queue.strip();
        task = task == null || task.isBlank() ? null : task.strip();
        String deadKey = fleet.keys().dead();
        List<DeadLetter> letters = new ArrayList<>();
        long total;
        if (queue == null && task == null) {
            total = fleet.keyspace().lengths(List.of(deadKey)).getOrDefault(deadKey, 0L);
            List<byte[]> window = fleet.keyspace().range(deadKey, paging.from(), paging.to());
            for (int i = 0; i < window.size(); i++) {
                DeadLetterEntry entry = DeadLetterEntry.decode(window.get(i));
                if (entry != null) {
                    letters.add(new DeadLetter((int) (paging.from() + i), 0, window.get(i), entry));
                }
            }
        } else {
            List<DeadLetter> upTo = fleet.deadLetters().select(new DeadLetterFilter(queue, task, List.of()), (int) paging.to() + 2);
            total = upTo.size();
            letters.addAll(upTo.subList((int) Math.min(upTo.size(), paging.from()), (int) Math.min(upTo.size(), paging.to() + 1)));
        }
        StringBuilder html = new StringBuilder("<form method=\"get\" action=\"/dead\"><input name=\"queue\" placeholder=\"queue\" value=\"")
                .append(esc(queue)).append("\"><input name=\"task\" placeholder=\"task name (globs: * ?)\" value=\"").append(esc(task))
                .append("\"><button>Filter</button></form>");
        String filters = (queue == null ? "" : "&queue=" + Html.url(queue)) + (task == null ? "" : "&task=" + Html.url(task));
        if (!filters.isEmpty() && session.role().mayAct()) {
            html.append("<form method=\"post\" action=\"/dead/requeue-matching\">").append(Layout.csrf(session))
                    .append("<input type=\"hidden\" name=\"queue\" value=\"").append(esc(queue)).append("\">")
                    .append("<input type=\"hidden\" name=\"task\" value=\"").append(esc(task)).append("\">")
                    .append("<input name=\"confirm\" placeholder=\"type ").append(queue != null ? "the queue's name" : "the task filter")
                    .append("\" autocomplete=\"off\"><button>Requeue all that match</button></form>");
        }
        html.append(Layout.pager("/dead", filters, paging, total));
        html.append("<table><tr><th>#</th><th>Task id</th><th>Task</th><th>Queue</th><th>At</th><th>Reason</th><th></th></tr>");
        for (DeadLetter letter : letters) {
            DeadLetterEntry e = letter.entry();
            String id = e.taskId() == null ? "" : e.taskId();
            html.append("<tr><td>").append(letter.position()).append("</td><td><a href=\"/task/").append(esc(Html.url(id))).append("?queues=search\">")
                    .append(esc(id)).append("</a></td><td>").append(esc(e.task())).append("</td><td>").append(esc(e.queue()))
                    .append("</td><td>").append(Html.time(e.at())).append("</td><td class=\"reason\">").append(esc(e.reason()))
                    .append("</td><td><a href=\"/dead/raw?position=").append(letter.position()).append("\">JSON</a> ");
            if (!id.isEmpty()) {
                html.append(Layout.action(session, "/dead/requeue", "Requeue", "task_id", id))
                        .append(Layout.action(session, "/dead/delete", "Delete", "task_id", id));
            }
            html.append("</td></tr>");
        }
        return html.append("</table>").toString();
    }
}
