package io.celeriac.sync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.internal.Json;
import io.celeriac.sync.SourceKind;
import io.celeriac.sync.SourceSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Sources as a table (columns padded to their widest cell) or as one JSON array for scripts. */
final class SourceView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String[] HEADERS = {"KIND", "ID", "USER", "NAME", "STATUS", "ITEMS", "LAST SYNCED", "ADDRESS", "LAST ERROR"};
    private static final int MAX_CELL = 60;

    private SourceView() {
    }

    static void table(PrintWriter out, List<SourceSummary> sources) {
        if (sources.isEmpty()) {
            out.println("no sync sources (add one: celeriac sync sources add-calendar --user ID --url URL)");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (SourceSummary s : sources) {
            rows.add(new String[] {s.kind().label(), String.valueOf(s.id()), String.valueOf(s.userId()), dash(s.name()),
                    s.status(), s.items() + (s.kind() == SourceKind.CALENDAR ? " events" : " pages"),
                    s.lastSyncedAt() == null ? "never" : TIME.format(s.lastSyncedAt()), address(s), dash(s.lastError())});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = shorten(row[i].replace('\n', ' '));
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** One array; a feed has {@code url} and {@code events}, an integration {@code token} (masked), {@code token_encrypted} and {@code pages}. */
    static void json(PrintWriter out, List<SourceSummary> sources) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (SourceSummary s : sources) {
            ObjectNode node = array.addObject();
            node.put("kind", s.kind().label());
            node.put("id", s.id());
            node.put("user_id", s.userId());
            node.put("name", s.name());
            if (s.kind() == SourceKind.CALENDAR) {
                node.put("url", s.address());
            } else {
                node.put("token", s.address());
                node.put("token_encrypted", s.tokenEncrypted());
            }
            node.put("status", s.status());
            node.put("last_error", s.lastError());
            node.put("last_synced_at", iso(s.lastSyncedAt()));
            node.put("created_at", iso(s.createdAt()));
            node.put(s.kind() == SourceKind.CALENDAR ? "events" : "pages", s.items());
        }
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String address(SourceSummary s) {
        return s.kind() == SourceKind.NOTION && !Boolean.TRUE.equals(s.tokenEncrypted())
                ? s.address() + " (plaintext)" : s.address();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String dash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_CELL ? text : text.substring(0, MAX_CELL - 1) + "…";
    }
}
