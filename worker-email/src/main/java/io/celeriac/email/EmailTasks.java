package io.celeriac.email;

import io.celeriac.core.digest.DigestContributor;
import io.celeriac.core.task.AckMode;
import io.celeriac.core.task.ModuleContext;
import io.celeriac.core.task.TaskModule;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.db.AdvisoryLock;
import io.celeriac.db.Database;
import io.celeriac.email.db.OutboxStore;
import io.celeriac.email.db.SummaryStore;
import io.celeriac.email.outbox.MailTransport;
import io.celeriac.email.outbox.OutboxProcessor;
import io.celeriac.email.outbox.OutboxSender;
import io.celeriac.email.outbox.QueueReport;
import io.celeriac.email.smtp.EmlDirectoryTransport;
import io.celeriac.email.smtp.SmtpTransport;
import io.celeriac.email.summary.DailySummary;
import io.celeriac.email.summary.SummaryComposer;
import io.celeriac.email.summary.SummaryReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.jdbi.v3.core.Jdbi;

/**
 * Registers {@code send_email}, {@code process_email_queue} and {@code send_daily_email_summary}
 * (queue {@code email_tasks} by the application's routes). The database is reached on the first
 * task run, not at registration, so processes that never run these tasks never connect.
 */
public final class EmailTasks implements TaskModule {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmailTasks.class);
    public static final String PREFIX = "personal_assistant.workers.tasks.email_tasks.";
    public static final String SEND_EMAIL = PREFIX + "send_email";
    public static final String PROCESS_QUEUE = PREFIX + "process_email_queue";
    public static final String DAILY_SUMMARY = PREFIX + "send_daily_email_summary";

    @Override
    public String name() {
        return "email";
    }

    /** Its tasks store data: a worker serving them is ready only while the database answers. */
    @Override
    public java.util.List<Class<?>> components() {
        return java.util.List.of(Database.class);
    }

    @Override
    public void register(TaskRegistry registry, ModuleContext context) {
        EmailSettings settings = EmailSettings.from(context.config("email"), System.getenv());
        if (settings.smtp() != null && settings.smtp().credentialsInClear()) {
            log.atWarn().addKeyValue("host", settings.smtp().host()).addKeyValue("port", settings.smtp().port())
                    .log("smtp login will be sent in clear text: email.smtp.security is none and a user is set; use starttls or tls");
        }
        Components components = new Components(settings, context);
        // our outbox decides retries; the task's own limit only stops a runaway
        registry.register(SEND_EMAIL, TaskOptions.defaults().maxRetries(settings.policy().maxAttempts() + 1),
                ctx -> new SendEmailTask(components.sender()).run(ctx));
        TaskOptions periodic = TaskOptions.defaults().maxRetries(0).ackMode(AckMode.LATE);
        registry.register(PROCESS_QUEUE, periodic, ctx -> components.lock("celeriac.email.process_email_queue")
                .tryRun(() -> queueResult(components.processor().runOnce())).orElseGet(EmailTasks::skipped));
        registry.register(DAILY_SUMMARY, periodic, ctx -> components.lock("celeriac.email.send_daily_email_summary")
                .tryRun(() -> summaryResult(components.summary().runOnce())).orElseGet(EmailTasks::skipped));
    }

    private static Map<String, Object> queueResult(QueueReport report) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", report.sent());
        result.put("failed", report.failed());
        result.put("retried", report.retried());
        result.put("skipped", report.skipped());
        result.put("unknown", report.unknown());
        return result;
    }

    private static Map<String, Object> summaryResult(SummaryReport report) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("queued", report.queued());
        result.put("empty", report.empty());
        result.put("not_due", report.notDue());
        return result;
    }

    private static Map<String, Object> skipped() {
        return Map.of("skipped", "another run holds the lock");
    }

    /** The module's objects, built on first use. */
    static final class Components {
        private final EmailSettings settings;
        private final ModuleContext context;
        private OutboxSender sender;
        private OutboxProcessor processor;
        private DailySummary summary;

        Components(EmailSettings settings, ModuleContext context) {
            this.settings = settings;
            this.context = context;
        }

        synchronized OutboxSender sender() {
            if (sender == null) {
                MailTransport transport = settings.smtp() != null
                        ? new SmtpTransport(settings.smtp(), settings.from(), context.clock())
                        : new EmlDirectoryTransport(settings.outboxDir().toAbsolutePath(), settings.from(), context.clock());
                sender = new OutboxSender(new OutboxStore(jdbi()), transport, settings.policy(), context.clock(), context.random());
            }
            return sender;
        }

        synchronized OutboxProcessor processor() {
            if (processor == null) {
                processor = new OutboxProcessor(new OutboxStore(jdbi()), sender(), settings.policy(), context.clock(),
                        settings.batchSize(), settings.maxBatches());
            }
            return processor;
        }

        synchronized DailySummary summary() {
            if (summary == null) {
                List<DigestContributor> contributors = new ArrayList<>();
                ServiceLoader.load(DigestContributor.class).forEach(contributors::add);
                summary = new DailySummary(new SummaryStore(jdbi()), new SummaryComposer(contributors, context),
                        context.sender(), SEND_EMAIL, settings.summaryTime(), context.clock());
            }
            return summary;
        }

        AdvisoryLock lock(String name) {
            return new AdvisoryLock(Database.of(context), name);
        }

        private Jdbi jdbi() {
            return Database.of(context).jdbi();
        }
    }
}
