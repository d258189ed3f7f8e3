package io.celeriac.core.cli.admin;

import io.celeriac.core.admin.TaskLocation;
import io.celeriac.core.admin.TaskLocator;
import io.celeriac.core.admin.TaskReport;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac task TASK_ID}: where a task is, its result, retries, and why it is not running.
 * Exit code 1 when nothing at all is known about the id, so scripts can tell a typo from a task.
 */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = "Everything known about one task: where it is (queued, delayed, in flight, dead-lettered, finished), its result, and why it is not running.")
public final class TaskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions options;

    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Override
    public Integer call() {
        try (Application app = options.connect()) {
            Instant now = app.clock().instant();
            TaskReport report = new TaskLocator(app.redisBroker(), app.codec(), app.redisResults(), app.config().queues()).locate(taskId, now);
            PrintWriter out = spec.commandLine().getOut();
            if (options.json()) {
                AdminOptions.printJson(out, report.toJson());
            } else {
                print(out, report, now);
            }
            return report.state().equals("unknown") && report.result() == null ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }

    private static void print(PrintWriter out, TaskReport report, Instant now) {
        out.println("Task:     " + report.taskId());
        out.println("State:    " + report.state());
        if (report.message() != null) {
            out.println("Name:     " + report.message().task());
            out.println("Retries:  " + report.message().retries());
            out.println("Priority: " + report.message().priority());
            if (report.message().eta() != null) {
                out.println("ETA:      " + Show.time(report.message().eta()) + " (" + Show.relative(report.message().eta(), now) + ")");
            }
            if (report.message().expires() != null) {
                out.println("Expires:  " + Show.time(report.message().expires()) + " (" + Show.relative(report.message().expires(), now) + ")");
            }
        }
        for (TaskLocation location : report.locations()) {
            out.println("Where:    " + describe(location, now));
        }
        if (report.result() != null) {
            out.println("Result:   " + report.result().status() + (report.result().dateDone() == null ? ""
                    : " at " + Show.time(report.result().dateDone())) + resultDetail(report));
        } else {
            out.println("Result:   none stored");
        }
        if (report.revokedUntil() != null) {
            out.println("Revoked:  until " + Show.time(report.revokedUntil()));
        }
        for (String reason : report.whyNotRunning()) {
            out.println("Not running: " + reason);
        }
        out.flush();
    }

    private static String describe(TaskLocation location, Instant now) {
        return switch (location) {
            case TaskLocation.Queued q -> "queued on " + q.queue() + " (priority bucket " + q.priority() + "), " + q.ahead() + " ahead of it";
            case TaskLocation.Delayed d -> "delayed for " + d.queue() + " until " + Show.time(d.due()) + " (" + Show.relative(d.due(), now) + ")";
            case TaskLocation.InFlight f -> (f.running() ? "running on " : "reserved by ") + f.worker() + " from " + f.queue()
                    + (f.started() != null ? " since " + Show.time(f.started()) : "")
                    + (f.workerAlive() ? "" : " (worker DEAD since " + Show.time(f.leaseExpiry()) + ": waiting for lease recovery)");
            case TaskLocation.PythonUnacked p -> "held by a Python worker (kombu unacked) from " + p.routingKey();
            case TaskLocation.DeadLettered d -> "dead-lettered from " + d.queue() + " at " + Show.time(d.at()) + ": " + d.reason();
        };
    }

    private static String resultDetail(TaskReport report) {
        var exception = report.result().exception();
        if (exception != null) {
            return " (" + exception.type() + ": " + exception.message() + ")";
        }
        return report.result().result() == null || report.result().result().isNull() ? "" : " -> " + report.result().result();
    }
}
