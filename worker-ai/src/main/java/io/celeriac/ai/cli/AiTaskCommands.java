package io.celeriac.ai.cli;

import io.celeriac.ai.AiRuntime;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.service.AiTaskService;
import io.celeriac.core.cli.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that act on one task by id: show, pause, resume, cancel, runs. */
final class AiTaskCommands {
    private AiTaskCommands() {
    }

    abstract static class OnTask extends AiSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
        long id;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one task.")
    static final class Show extends OnTask {
        @Option(names = "--json", description = "One JSON object, for scripts.")
        boolean json;

        @Override
        int run(AiRuntime runtime, PrintWriter out) {
            AiTask task = runtime.wired().service().show(id);
            if (json) {
                out.println(TaskJson.task(task).toPrettyString());
            } else {
                TaskView.detail(out, task);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop an active task from firing.")
    static final class Pause extends OnTask {
        @Override
        int run(AiRuntime runtime, PrintWriter out) {
            print(out, "paused", runtime.wired().service().pause(id));
            return ExitCodes.OK;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused task from now (missed runs are skipped).")
    static final class Resume extends OnTask {
        @Override
        int run(AiRuntime runtime, PrintWriter out) {
            print(out, "resumed", runtime.wired().service().resume(id));
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a task for good.")
    static final class Cancel extends OnTask {
        @Override
        int run(AiRuntime runtime, PrintWriter out) {
            print(out, "cancelled", runtime.wired().service().cancel(id));
            return ExitCodes.OK;
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "A task's runs, newest first: output, tokens, notifications, errors.")
    static final class Runs extends OnTask {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(names = "--json", description = "One JSON array, for scripts: each run with its channels' outcomes.")
        boolean json;

        @Override
        int run(AiRuntime runtime, PrintWriter out) {
            AiTaskService service = runtime.wired().service();
            AiTask task = service.show(id);
            var runs = service.runs(id, limit);
            if (json) {
                var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
                runs.forEach(r -> array.add(TaskJson.run(r, runtime.wired().notifier().all(r.id()))));
                out.println(array.toPrettyString());
            } else {
                TaskView.runs(out, task, runs);
            }
            return ExitCodes.OK;
        }
    }

    private static void print(PrintWriter out, String verb, AiTask task) {
        out.println(verb + " task " + task.id() + " (" + task.status().dbName() + ", next run "
                + TaskView.local(task.nextRunAt(), task.zone()) + ")");
    }
}
