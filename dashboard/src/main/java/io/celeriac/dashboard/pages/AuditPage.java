package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.dashboard.AuditLog;
import io.celeriac.dashboard.Html;
import io.celeriac.dashboard.Layout;
import io.celeriac.dashboard.Paging;

/** The audit log: every action taken on the dashboard, newest first. */
public final class AuditPage {
    private AuditPage() {
    }

    public static String body(AuditLog audit, Paging paging) {
        StringBuilder html = new StringBuilder(Layout.pager("/audit", "", paging, audit.size()));
        html.append("<table><tr><th>At</th><th>User</th><th>Action</th><th>Target</th><th>Outcome</th></tr>");
        for (AuditLog.Entry e : audit.page(paging)) {
            html.append("<tr><td>").append(Html.time(e.at())).append("</td><td>").append(esc(e.user())).append("</td><td>")
                    .append(esc(e.action())).append("</td><td>").append(esc(e.target())).append("</td><td>").append(esc(e.outcome()))
                    .append("</td></tr>");
        }
        return html.append("</table>").toString();
    }
}
