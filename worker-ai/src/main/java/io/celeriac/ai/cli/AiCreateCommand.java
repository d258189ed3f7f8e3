package io.celeriac.ai.cli;

import io.celeriac.ai.AiRuntime;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.core.cli.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ai create}: a task from flags; times without an offset are the user's local time (or --tz). */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a one-off or recurring AI task.")
final class AiCreateCommand extends AiSubcommand {
    @Option(names = "--user", required = true, paramLabel = "ID", description = "The user the task belongs to.")
    long user;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "What the assistant does or reminds about.")
    String prompt;

    @Option(names = "--title", paramLabel = "TEXT", description = "Short title. Default: the prompt's first line.")
    String title;

    @Option(names = "--at", paramLabel = "DATE-TIME", description = "Once, at 2026-12-01T09:00 (local) or with an offset.")
    String at;

    @Option(names = "--in", paramLabel = "DURATION", description = "Once, after 30s, 5m, 2h, 1d.")
    String in;

    @Option(names = "--cron", paramLabel = "EXPR", description = "Recurring, 5-field cron in the zone, e.g. \"0 8 * * MON-FRI\".")
    String cron;

    @Option(names = "--every", paramLabel = "DURATION", description = "Recurring every 15m, 2h... (at least 1m) from now.")
    String every;

    @Option(names = "--tz", paramLabel = "ZONE", description = "IANA zone. Default: the user's.")
    String tz;

    @Option(names = "--notify", paramLabel = "CHANNELS", description = "sms, email or sms,email. Default: the user's preferences.")
    String notify;

    @Option(names = "--kind", paramLabel = "KIND", description = "reminder, automated or periodic. Default: from the schedule.")
    String kind;

    @Option(names = "--max-runs", paramLabel = "N", description = "Complete after N runs.")
    Integer maxRuns;

    @Option(names = "--until", paramLabel = "DATE-TIME", description = "No run after this (local) date-time.")
    String until;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Retrying with the same key returns the first task.")
    String key;

    @Override
    int run(AiRuntime runtime, PrintWriter out) {
        TaskStore.Created created = runtime.wired().service().create(new TaskRequest(user, title, prompt, kind, at, in, cron,
                every, tz, notify, maxRuns, until, key));
        out.println(created.created() ? "created" : "exists (same idempotency key); nothing created");
        TaskView.detail(out, created.task());
        return ExitCodes.OK;
    }
}
