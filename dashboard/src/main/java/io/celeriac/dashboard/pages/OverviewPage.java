package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.admin.WorkerView;
import io.celeriac.core.broker.TaskCounters;
import io.celeriac.dashboard.DepthSampler;
import io.celeriac.dashboard.Fleet;
import io.celeriac.dashboard.Html;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.LiveSnapshot;
import io.celeriac.dashboard.TaskHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The overview: workers online, queue depths with their oldest waiting task, delayed and dead counts, the last hour's chart. */
public final class OverviewPage {
    static final int DAY_STEP_MINUTES = 10;
    private OverviewPage() {
    }

    /** The same numbers as JSON ({@code /api/overview}): the page and scripts read one thing. */
    public static ObjectNode json(Fleet fleet, DepthSampler depths) {
        Instant now = fleet.clock().instant();
        List<WorkerView> workers = fleet.inspector().workers(now);
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("now", now.toString());
        doc.put("workers_online", workers.stream().filter(WorkerView::alive).count());
        doc.put("workers_known", workers.size());
        doc.put("delayed", fleet.keyspace().size(fleet.keys().delayed()));
        doc.put("dead_letters", fleet.keyspace().lengths(List.of(fleet.keys().dead())).getOrDefault(fleet.keys().dead(), 0L));
        ArrayNode queues = doc.putArray("queues");
        fleet.inspector().depths(workers).forEach((queue, depth) -> {
            long ready = depth.values().stream().mapToLong(Long::longValue).sum();
            Instant oldest = ready == 0 ? null : fleet.heads().oldestSent(queue);
            ObjectNode q = queues.addObject().put("queue", queue).put("ready", ready);
            q.put("oldest_sent", oldest == null ? null : oldest.toString());
            q.put("oldest_waiting_ms", oldest == null ? null : Math.max(0, Duration.between(oldest, now).toMillis()));
        });
        List<String> charted = new ArrayList<>();
        queues.forEach(q -> charted.add(q.path("queue").asText()));
        ObjectNode depthChart = doc.putObject("depth_last_hour");
        depthChart.put("first_minute_epoch_s", (TaskCounters.minuteOf(now) - 59) * 60);
        ObjectNode lines = depthChart.putObject("queues");
        depths.lastMinutes(charted.subList(0, Math.min(charted.size(), DepthSampler.MAX_CHARTED)), now, 60).forEach((queue, values) -> {
            ArrayNode line = lines.putArray(queue);
            for (long v : values) {
                if (v < 0) {
                    line.addNull();
                } else {
                    line.add(v);
                }
            }
        });
        TaskHistory.Series hour = fleet.history().lastMinutes(now, 60);
        ObjectNode chart = doc.putObject("last_hour");
        chart.put("first_minute_epoch_s", hour.firstMinute() * 60);
        chart.put("step_s", 60);
        for (Map.Entry<String, long[]> series : hour.counts().entrySet()) {
            ArrayNode values = chart.putArray(series.getKey());
            for (long n : series.getValue()) {
                values.add(n);
            }
        }
        TaskHistory.Series day = fleet.history().lastMinutes(now, 24 * 60);
        ObjectNode totals = doc.putObject("last_day_totals");
        TaskCounters.ALL.forEach(c -> totals.put(c, day.total(c)));
        // the day in ten-minute steps: 144 points a chart can show
        ObjectNode dayChart = doc.putObject("last_day");
        dayChart.put("first_minute_epoch_s", day.firstMinute() * 60);
        dayChart.put("step_s", DAY_STEP_MINUTES * 60);
        for (Map.Entry<String, long[]> series : day.counts().entrySet()) {
            ArrayNode values = dayChart.putArray(series.getKey());
            long[] minutes = series.getValue();
            for (int from = 0; from < minutes.length; from += DAY_STEP_MINUTES) {
                long sum = 0;
                for (int m = from; m < Math.min(minutes.length, from + DAY_STEP_MINUTES); m++) {
                    sum += minutes[m];
                }
                values.add(sum);
            }
        }
        return doc;
    }

    public static String body(ObjectNode doc) {
        StringBuilder html = new StringBuilder();
        html.append("<section class=\"cards\">")
                .append(card("Workers online", doc.path("workers_online").asLong() + " of " + doc.path("workers_known").asLong(), "/workers",
                        "workers_online"))
                .append(card("Delayed", String.valueOf(doc.path("delayed").asLong()), "/delayed", "delayed"))
                .append(card("Dead letters", String.valueOf(doc.path("dead_letters").asLong()), "/dead", "dead_letters"));
        ObjectNode totals = (ObjectNode) doc.path("last_day_totals");
        totals.fields().forEachRemaining(f -> html.append(card(f.getKey() + " (24 h)", f.getValue().asText(), null, "total:" + f.getKey())));
        html.append("</section>").append(Layout.LIVE_STATUS).append("<p class=\"note\">The counts, the queue table and the last"
                        + " hour's chart update every 5 s without a reload; the other charts when the page loads.</p><h2>Tasks per minute, last hour</h2><div id=\"chart\"></div>")
                .append("<script type=\"application/json\" id=\"chart-data\">").append(Html.jsonInScript(doc.path("last_hour").toString()))
                .append("</script><h2>Tasks per 10 minutes, last 24 hours</h2><div id=\"chart-day\"></div>")
                .append("<script type=\"application/json\" id=\"chart-day-data\">").append(Html.jsonInScript(doc.path("last_day").toString()))
                .append("</script><h2>Waiting per queue, last hour (sampled each minute)</h2><div id=\"chart-depth\"></div>")
                .append("<script type=\"application/json\" id=\"chart-depth-data\">")
                .append(Html.jsonInScript(doc.path("depth_last_hour").toString()))
                .append("</script><h2>Queues</h2><table><tr><th>Queue</th><th>Waiting</th><th>Oldest waiting</th></tr>");
        for (var q : doc.path("queues")) {
            html.append("<tr><td><a href=\"/queues?queue=").append(esc(Html.url(q.path("queue").asText()))).append("\">")
                    .append(esc(q.path("queue").asText())).append("</a></td><td class=\"num\"").append(live(LiveSnapshot.queueKey(q.path("queue").asText(), "ready"))).append(">")
                    .append(q.path("ready").asLong()).append("</td><td").append(live(LiveSnapshot.queueKey(q.path("queue").asText(), "oldest")))
                    .append(">").append(q.path("oldest_waiting_ms").isNull() ? (q.path("ready").asLong() > 0 ? "unknown" : "")
                            : esc(age(q.path("oldest_waiting_ms").asLong()))).append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    public static String age(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }

    private static String card(String label, String value, String link, String liveKey) {
        String number = "<span" + live(liveKey) + ">" + esc(value) + "</span>";
        if (link != null) {
            number = "<a href=\"" + link + "\">" + number + "</a>";
        }
        return "<div class=\"card\"><div class=\"label\">" + esc(label) + "</div><div class=\"value\">" + number + "</div></div>";
    }

    /** The attribute naming an element's live value (see {@link LiveSnapshot}). */
    public static String live(String key) {
        return " data-live=\"" + esc(key) + "\"";
    }
}
