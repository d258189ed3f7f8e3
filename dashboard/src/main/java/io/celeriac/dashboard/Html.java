package io.celeriac.dashboard;

/**
 * Escaping for every value a page shows: task names, arguments, reasons and worker names come from
 * whoever sent a message, so each is text, never markup (a {@code <script>} in a task name shows as
 * those characters).
 */
public final class Html {
    private Html() {
    }

    /** Text for an element's content or a quoted attribute. */
    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A query-string value. */
    public static String url(String value) {
        return java.net.URLEncoder.encode(value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** JSON placed inside a {@code <script type="application/json">}: no {@code </script>} can end it early. */
    public static String jsonInScript(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** A time shown in UTC, with a data attribute the page's script turns into the viewer's zone. */
    public static String time(java.time.Instant at) {
        if (at == null) {
            return "";
        }
        String utc = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return "<time datetime=\"" + utc + "\" title=\"" + utc + "\">" + utc + "</time>";
    }
}
