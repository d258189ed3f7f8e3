package io.celeriac.ai.cli;

import io.celeriac.ai.AiRuntime;
import io.celeriac.ai.chat.ChatOutcome;
import io.celeriac.core.cli.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ai chat --user ID "remind me in 5 minutes to stretch"}: through the LLM, at most one task per request. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Send a message to the assistant; it may create one task. Running the same message again the same day "
                + "is a retry and creates nothing new (pass --request-id to make a new request).")
final class AiChatCommand extends AiSubcommand {
    @Option(names = "--user", required = true, paramLabel = "ID", description = "Who is talking.")
    long user;

    @Option(names = "--request-id", paramLabel = "KEY", description = "Idempotency key of this request. Default: from the user, message and local date.")
    String requestId;

    @Parameters(arity = "1..*", paramLabel = "MESSAGE", description = "The message.")
    String[] words;

    @Override
    int run(AiRuntime runtime, PrintWriter out) {
        ChatOutcome outcome = runtime.wired().chat().handle(user, String.join(" ", words), requestId);
        out.println(outcome.reply());
        outcome.task().ifPresent(task -> out.println("task " + task.id() + ": " + task.title() + " - next run "
                + TaskView.local(task.nextRunAt(), task.zone())));
        return ExitCodes.OK;
    }
}
