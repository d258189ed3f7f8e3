package io.celeriac.email.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.internal.Json;
import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.outbox.OutboxMessage;
import io.celeriac.email.outbox.OutboxStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Text and JSON output of outbox messages; times in UTC. Bodies are never printed. */
final class OutboxView {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private OutboxView() {
    }

    static void table(PrintWriter out, List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            out.println("no e-mails");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "STATUS", "ATTEMPTS", "UPDATED (UTC)", "KEY"});
        for (OutboxMessage m : messages) {
            rows.add(new String[] {Long.toString(m.id()), m.status().dbValue(), Integer.toString(m.attempts()), time(m.updatedAt()),
                    m.idempotencyKey()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
            if (r > 0) {
                notes(out, messages.get(r - 1));
            }
        }
    }

    /** Under a row: why it is not sent, and for an unknown one, the decision it waits for. */
    private static void notes(PrintWriter out, OutboxMessage m) {
        if (m.lastError() != null && m.status() != OutboxStatus.SENT) {
            out.println("    why:    " + m.lastError());
        }
        if (m.status() == OutboxStatus.UNKNOWN) {
            out.println("    decide: celeriac email outbox mark-sent " + m.id() + " (it arrived) | resend " + m.id()
                    + " (it may arrive twice)");
        }
    }

    static void detail(PrintWriter out, OutboxMessage m) {
        out.println("e-mail " + m.id() + ": " + m.status().dbValue());
        out.println("  key:         " + m.idempotencyKey());
        out.println("  message-id:  " + EmailRequest.messageId(m.idempotencyKey()) + " (look for it in the server's log)");
        out.println("  to:          " + m.to());
        out.println("  subject:     " + m.subject());
        out.println("  attempts:    " + m.attempts());
        out.println("  created:     " + time(m.createdAt()));
        out.println("  claimed:     " + time(m.claimedAt()));
        out.println("  end of DATA: " + time(m.dataEndAt()));
        out.println("  next:        " + (m.status() == OutboxStatus.PENDING ? time(m.nextAttemptAt()) : "-"));
        out.println("  sent:        " + time(m.sentAt()));
        out.println("  updated:     " + time(m.updatedAt()));
        out.println("  last error:  " + (m.lastError() == null ? "-" : m.lastError()));
        if (m.status() == OutboxStatus.UNKNOWN) {
            out.println("  decide:      celeriac email outbox mark-sent " + m.id() + " (it arrived) | resend " + m.id()
                    + " (it may arrive twice)");
        }
    }

    static ObjectNode json(OutboxMessage m) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", m.id());
        node.put("idempotency_key", m.idempotencyKey());
        node.put("status", m.status().dbValue());
        node.put("attempts", m.attempts());
        node.put("message_id", EmailRequest.messageId(m.idempotencyKey()));
        node.put("to", m.to());
        node.put("subject", m.subject());
        node.put("created_at", iso(m.createdAt()));
        node.put("claimed_at", iso(m.claimedAt()));
        node.put("data_end_at", iso(m.dataEndAt()));
        node.put("next_attempt_at", iso(m.nextAttemptAt()));
        node.put("sent_at", iso(m.sentAt()));
        node.put("updated_at", iso(m.updatedAt()));
        node.put("last_error", m.lastError());
        return node;
    }

    private static String time(Instant at) {
        return at == null ? "-" : UTC.format(at);
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
