package io.celeriac.dashboard;

import static io.celeriac.dashboard.Html.esc;

import io.celeriac.dashboard.auth.Sessions.Session;

/** The frame around every page: navigation, who is logged in, and the logout form (with its CSRF token). */
public final class Layout {
    private static final String[][] NAV = {
            {"/", "Overview"}, {"/queues", "Queues"}, {"/workers", "Workers"}, {"/delayed", "Delayed"},
            {"/dead", "Dead letters"}, {"/tasks", "Search"}, {"/task", "Task"}, {"/beat", "Beat"}, {"/ai", "AI tasks"}, {"/audit", "Audit log"}};

    /** Where the page's script says when its live values were last read (or that they stopped). */
    public static final String LIVE_STATUS = "<p class=\"live\" id=\"live-status\" aria-live=\"polite\"></p>";

    private Layout() {
    }

    public static String page(String title, Session session, boolean withAuth, String body) {
        StringBuilder html = new StringBuilder(4096 + body.length());
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append(" · Celeriac</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/uPlot.min.css\">")
                .append("<link rel=\"stylesheet\" href=\"/static/dashboard.css\">")
                .append("<script src=\"/static/uPlot.iife.min.js\" defer></script>")
                .append("<script src=\"/static/dashboard.js\" defer></script></head><body><nav><b>Celeriac</b>");
        for (String[] link : NAV) {
            html.append(" <a href=\"").append(link[0]).append("\">").append(link[1]).append("</a>");
        }
        if (session != null) {
            html.append("<span class=\"who\">").append(esc(session.user())).append(" (").append(esc(session.role().name().toLowerCase()))
                    .append(")");
            if (withAuth) {
                html.append(" <form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrf(session))
                        .append("<button>Log out</button></form>");
            }
            html.append("</span>");
        }
        html.append("</nav><main><h1>").append(esc(title)).append("</h1>").append(body).append("</main></body></html>");
        return html.toString();
    }

    /** The hidden field every form posts back. */
    public static String csrf(Session session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(session.csrf()) + "\">";
    }

    /** A one-button form for an operator's action; absent for a viewer. */
    public static String action(Session session, String path, String label, String... hidden) {
        if (!session.role().mayAct()) {
            return "";
        }
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"").append(esc(path)).append("\" class=\"inline\">")
                .append(csrf(session));
        for (int i = 0; i + 1 < hidden.length; i += 2) {
            form.append("<input type=\"hidden\" name=\"").append(esc(hidden[i])).append("\" value=\"").append(esc(hidden[i + 1]))
                    .append("\">");
        }
        return form.append("<button>").append(esc(label)).append("</button></form>").toString();
    }

    /** Previous / next links keeping the query string's filters. */
    public static String pager(String path, String filters, Paging paging, long total) {
        StringBuilder html = new StringBuilder("<p class=\"pager\">");
        long pages = Math.max(1, (total + paging.size() - 1) / paging.size());
        if (paging.page() > 0) {
            html.append("<a href=\"").append(path).append("?page=").append(paging.page() - 1).append("&size=").append(paging.size())
                    .append(esc(filters)).append("\">&larr; newer</a> ");
        }
        html.append("page ").append(paging.page() + 1).append(" of ").append(pages).append(" (").append(total).append(")");
        if (paging.page() + 1 < pages) {
            html.append(" <a href=\"").append(path).append("?page=").append(paging.page() + 1).append("&size=").append(paging.size())
                    .append(esc(filters)).append("\">older &rarr;</a>");
        }
        return html.append("</p>").toString();
    }
}
