package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.dashboard.Fleet;
import io.celeriac.dashboard.Html;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.Paging;
import io.celeriac.dashboard.auth.Sessions.Session;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The delayed set (ETA, countdown, retry backoff), soonest first, one ZRANGE window per page.
 * "Run now" puts the message at the front of its queue with its ETA cleared ({@code DelayedTasks}).
 */
public final class DelayedPage {
    private DelayedPage() {
    }

    /** One delayed entry as read: its rank, the member's bytes, its target queue and decoded message (null when unreadable). */
    public record Delayed(long rank, byte[] member, Instant due, String queue, TaskMessage message) {
    }

    public static List<Delayed> window(Fleet fleet, long from, long to) {
        List<Keyspace.Scored> scored = fleet.keyspace().rangeScored(fleet.keys().delayed(), from, to);
        return java.util.stream.IntStream.range(0, scored.size()).mapToObj(i -> read(fleet, from + i, scored.get(i))).toList();
    }

    private static Delayed read(Fleet fleet, long rank, Keyspace.Scored entry) {
        String member = new String(entry.member(), StandardCharsets.UTF_8);
        int split = member.indexOf('\n');
        String list = split < 0 ? "" : member.substring(0, split);
        RedisKeys.QueueListName target = fleet.keys().queueOfList(list);
        TaskMessage message;
        try {
            message = fleet.app().codec().decode(member.substring(split + 1));
        } catch (RuntimeException unreadable) {
            message = null;
        }
        return new Delayed(rank, entry.member(), Instant.ofEpochMilli((long) entry.score()), target == null ? list : target.queue(), message);
    }

    public static String body(Fleet fleet, Session session, Paging paging) {
        long total = fleet.keyspace().size(fleet.keys().delayed());
        StringBuilder html = new StringBuilder(Layout.pager("/delayed", "", paging, total));
        html.append("<table><tr><th>Due</th><th>Queue</th><th>Task id</th><th>Task</th><th>Kind</th><th></th></tr>");
        for (Delayed d : window(fleet, paging.from(), paging.to())) {
            String id = d.message() == null ? "" : d.message().id();
            html.append("<tr><td>").append(Html.time(d.due())).append("</td><td>").append(esc(d.queue())).append("</td><td><a href=\"/task/")
                    .append(esc(Html.url(id))).append("\">").append(esc(id)).append("</a></td><td>")
                    .append(esc(d.message() == null ? "(unreadable)" : d.message().task())).append("</td><td>")
                    .append(d.message() != null && d.message().retries() > 0 ? "retry " + d.message().retries() : "eta").append("</td><td>");
            if (!id.isEmpty()) {
                String rank = String.valueOf(d.rank());
                html.append(Layout.action(session, "/delayed/run", "Run now", "rank", rank, "task_id", id))
                        .append(Layout.action(session, "/delayed/delete", "Delete", "rank", rank, "task_id", id));
            }
            html.append("</td></tr>");
        }
        return html.append("</table>").toString();
    }
}
