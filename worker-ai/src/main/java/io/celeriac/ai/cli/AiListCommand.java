package io.celeriac.ai.cli;

import io.celeriac.ai.AiRuntime;
import io.celeriac.core.cli.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ai list}: tasks, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List AI tasks, newest first.")
final class AiListCommand extends AiSubcommand {
    @Option(names = "--user", paramLabel = "ID", description = "Only this user's tasks.")
    Long user;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N tasks. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "One JSON array, for scripts.")
    boolean json;

    @Override
    int run(AiRuntime runtime, PrintWriter out) {
        var tasks = runtime.wired().service().list(user, limit);
        if (json) {
            out.println(TaskJson.tasks(tasks).toPrettyString());
        } else {
            TaskView.table(out, tasks);
        }
        return ExitCodes.OK;
    }
}
