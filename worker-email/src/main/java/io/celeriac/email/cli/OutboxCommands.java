package io.celeriac.email.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.internal.Json;
import io.celeriac.db.Database;
import io.celeriac.email.EmailTasks;
import io.celeriac.email.db.OutboxStore;
import io.celeriac.email.outbox.OutboxDecisionException;
import io.celeriac.email.outbox.OutboxDecisions;
import io.celeriac.email.outbox.OutboxMessage;
import io.celeriac.email.outbox.OutboxStatus;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code email outbox list | show ID | resend ID | mark-sent ID}. */
final class OutboxCommands {
    private OutboxCommands() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Messages in the outbox, newest first; unknown ones say what is known and how to decide.")
    static final class List extends OutboxSubcommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "Only this status: pending, sending, sent, failed or unknown.")
        String status;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N messages. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(names = "--json", description = "One JSON array, for scripts.")
        boolean json;

        @Override
        int run(Application app, PrintWriter out) {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
            }
            java.util.List<OutboxMessage> messages = new OutboxStore(Database.of(app).jdbi()).list(status(status), limit);
            if (json) {
                ArrayNode array = Json.mapper().createArrayNode();
                messages.forEach(m -> array.add(OutboxView.json(m)));
                out.println(array.toPrettyString());
            } else {
                OutboxView.table(out, messages);
            }
            return ExitCodes.OK;
        }

        private static OutboxStatus status(String text) {
            if (text == null) {
                return null;
            }
            try {
                return OutboxStatus.fromDb(text.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--status must be one of " + Arrays.stream(OutboxStatus.values())
                        .map(OutboxStatus::dbValue).collect(Collectors.joining(", ")) + "; got '" + text + "'");
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One message: its history, its Message-ID, what is known.")
    static final class Show extends OutboxSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Outbox id.")
        long id;

        @Option(names = "--json", description = "One JSON object, for scripts.")
        boolean json;

        @Override
        int run(Application app, PrintWriter out) {
            OutboxMessage message = new OutboxStore(Database.of(app).jdbi()).find(id)
                    .orElseThrow(() -> new OutboxDecisionException("no e-mail " + id + " in the outbox"));
            if (json) {
                out.println(OutboxView.json(message).toPrettyString());
            } else {
                OutboxView.detail(out, message);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "resend", mixinStandardHelpOptions = true,
            description = "Send an unknown or failed message again (an unknown one may then arrive twice, with the same Message-ID).")
    static final class Resend extends OutboxSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Outbox id.")
        long id;

        @Override
        int run(Application app, PrintWriter out) {
            OutboxMessage before = new OutboxDecisions(new OutboxStore(Database.of(app).jdbi()), app.clock()).resend(id);
            out.println("e-mail " + id + " is pending again, due now (it was " + before.status().dbValue() + ")");
            try {
                app.sender().send(EmailTasks.PROCESS_QUEUE, java.util.List.of(), Map.of(), SendOptions.defaults());
                out.println("sent " + EmailTasks.PROCESS_QUEUE.substring(EmailTasks.PREFIX.length()) + " to deliver it");
            } catch (RuntimeException e) {
                // the decision is recorded; the beat's next process_email_queue delivers it
                out.println("could not queue process_email_queue now (" + e.getClass().getSimpleName()
                        + "); its next scheduled run delivers it");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "mark-sent", mixinStandardHelpOptions = true,
            description = "Record that an unknown message did arrive (checked in the server's log or with the recipient).")
    static final class MarkSent extends OutboxSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Outbox id.")
        long id;

        @Override
        int run(Application app, PrintWriter out) {
            new OutboxDecisions(new OutboxStore(Database.of(app).jdbi()), app.clock()).markSent(id);
            out.println("e-mail " + id + " marked sent; it will not be sent again");
            return ExitCodes.OK;
        }
    }
}
