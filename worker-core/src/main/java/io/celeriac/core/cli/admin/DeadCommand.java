package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.admin.DeadLetter;
import io.celeriac.core.admin.DeadLetterFilter;
import io.celeriac.core.admin.DeadLetters;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.routing.QueueNames;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code celeriac dead list|show|requeue|drop}: the dead-letter list, newest first. */
@Command(name = "dead", mixinStandardHelpOptions = true, description = "List, show, requeue or drop dead letters.",
        subcommands = {DeadCommand.ListLetters.class, DeadCommand.ShowLetter.class, DeadCommand.Requeue.class, DeadCommand.Drop.class})
public final class DeadCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The filter options list, requeue and drop share. */
    static final class FilterOptions {
        @Option(names = "--queue", paramLabel = "QUEUE", description = "Only dead letters from this queue.")
        String queue;

        @Option(names = "--task", paramLabel = "NAME", description = "Only this task name (globs: * and ?).")
        String task;

        DeadLetterFilter filter(List<String> taskIds) {
            return new DeadLetterFilter(queue, task, taskIds);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters, newest first.")
    static final class ListLetters implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions options;

        @Mixin
        FilterOptions filter;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Show at most N. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Override
        public Integer call() {
            if (filter.queue != null) {
                QueueNames.validate(filter.queue);
            }
            try (Application app = options.connect()) {
                List<DeadLetter> letters = new DeadLetters(app.redisBroker(), app.codec()).select(filter.filter(List.of()), limit);
                PrintWriter out = spec.commandLine().getOut();
                if (options.json()) {
                    ArrayNode items = JsonNodeFactory.instance.arrayNode();
                    letters.forEach(l -> items.add(l.toJson(false)));
                    ObjectNode doc = JsonNodeFactory.instance.objectNode();
                    doc.set("dead", items);
                    AdminOptions.printJson(out, doc);
                    return ExitCodes.OK;
                }
                Instant now = app.clock().instant();
                Table table = new Table("#", "TASK ID", "TASK", "QUEUE", "AT", "AGE", "REASON");
                letters.forEach(l -> table.row(l.position(), l.entry().taskId(), l.entry().task(), l.entry().queue(),
                        Show.time(l.entry().at()), Show.relative(l.entry().at(), now),
                        l.entry().reason()));
                table.print(out);
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one dead letter with its message: by task id, or by position (#0 is the newest).")
    static final class ShowLetter implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions options;

        @Parameters(index = "0", paramLabel = "TASK_ID|#N")
        String which;

        @Override
        public Integer call() {
            try (Application app = options.connect()) {
                Optional<DeadLetter> letter = new DeadLetters(app.redisBroker(), app.codec()).find(which);
                if (letter.isEmpty()) {
                    spec.commandLine().getErr().println("celeriac: no dead letter " + which);
                    return ExitCodes.FAILURE;
                }
                ObjectNode json = letter.get().toJson(true);
                if (options.json()) {
                    AdminOptions.printJson(spec.commandLine().getOut(), json);
                    return ExitCodes.OK;
                }
                PrintWriter out = spec.commandLine().getOut();
                json.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("message")) {
                        out.printf("%-9s %s%n", f.getKey() + ":", f.getValue().asText());
                    }
                });
                out.println("message:");
                out.println(json.path("message").asText());
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /**
     * Survey, show the count and warnings, ask, act, report: what requeue and drop share. The
     * survey and the action both stream the list; entries that arrive after the survey are left.
     */
    abstract static class Action implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions options;

        @Mixin
        FilterOptions filter;

        @Mixin
        Confirmation confirmation;

        @Option(names = "--dry-run", description = "Only say what would be touched.")
        boolean dryRun;

        @Option(names = "--all", description = "Every dead letter: needed when no task id, --queue or --task is given "
                + "(so an empty $ID in a script cannot act on all of them).")
        boolean all;

        @Parameters(paramLabel = "TASK_ID", arity = "0..*", description = "Only these task ids.")
        List<String> taskIds;

        @Override
        public Integer call() {
            DeadLetterFilter selection = filter.filter(taskIds);
            if (selection.queue() != null) {
                QueueNames.validate(selection.queue());
            }
            if (selection.isEmpty() && !all) {
                throw new IllegalArgumentException("dead " + verb().toLowerCase()
                        + ": name task ids, --queue or --task, or pass --all for every dead letter");
            }
            try (Application app = options.connect()) {
                DeadLetters dead = new DeadLetters(app.redisBroker(), app.codec());
                Instant until = app.clock().instant();
                DeadLetters.Survey survey = dead.survey(selection, until, requeues(), requeues() || all);
                PrintWriter out = spec.commandLine().getOut();
                PrintWriter err = spec.commandLine().getErr();
                List<String> missing = selection.taskIds().stream().filter(id -> !survey.foundIds().contains(id)).toList();
                if (!missing.isEmpty()) {
                    err.println("celeriac: no dead letter for task " + String.join(", ", missing));
                }
                warn(err, survey);
                DeadLetters.Outcome nothing = new DeadLetters.Outcome(0, 0, 0, List.of());
                if (dryRun || survey.matched() == 0) {
                    return report(out, survey, nothing, missing);
                }
                Integer stop = confirmation.ask(err, verb() + " " + survey.matched() + " dead letter(s) on "
                        + options.server(app) + "?");
                return stop != null ? stop : report(out, survey, act(dead, selection, until), missing);
            }
        }

        abstract String verb();

        abstract String pastTense();

        boolean requeues() {
            return false;
        }

        abstract DeadLetters.Outcome act(DeadLetters dead, DeadLetterFilter filter, Instant until);

        private void warn(PrintWriter err, DeadLetters.Survey survey) {
            if (survey.succeeded() > 0) {
                err.println("warning: " + survey.succeeded() + " of them already succeeded (SUCCESS): requeuing runs them again");
            }
            if (survey.inFlight() > 0) {
                err.println("warning: " + survey.inFlight() + " of them are running on a worker now: requeuing runs them twice");
            }
            if (survey.refused() > 0) {
                err.println("warning: " + survey.refused() + " of them cannot be requeued (a workflow step kept as its signature,"
                        + " or no message) and stay dead letters");
            }
            err.flush();
        }

        private Integer report(PrintWriter out, DeadLetters.Survey survey, DeadLetters.Outcome outcome, List<String> missing) {
            // what matched but was neither acted on nor left: another run (or a trim) took it first
            long gone = dryRun ? 0 : Math.max(0, survey.matched() - outcome.touched() - outcome.skipped());
            if (options.json()) {
                ObjectNode doc = JsonNodeFactory.instance.objectNode();
                doc.put("action", verb().toLowerCase());
                doc.put("dry_run", dryRun);
                doc.put("matched", survey.matched());
                doc.put(pastTense(), outcome.touched());
                doc.put("gone", gone);
                doc.put("skipped", outcome.skipped());
                outcome.reasons().forEach(doc.putArray("reasons")::add);
                doc.put("already_succeeded", survey.succeeded());
                doc.put("in_flight", survey.inFlight());
                missing.forEach(doc.putArray("not_found")::add);
                AdminOptions.printJson(out, doc);
            } else if (dryRun) {
                out.println("dry run: would " + verb().toLowerCase() + " " + survey.matched() + " dead letter(s)");
            } else {
                out.println(pastTense() + " " + outcome.touched() + " of " + survey.matched() + " dead letter(s)"
                        + (gone > 0 ? "; " + gone + " were already gone" : "")
                        + (outcome.skipped() > 0 ? "; " + outcome.skipped() + " left in place" : ""));
                outcome.reasons().forEach(s -> out.println("skipped " + s));
            }
            out.flush();
            return outcome.skipped() == 0 && missing.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    @Command(name = "requeue", mixinStandardHelpOptions = true,
            description = "Put dead letters' messages back on their queues (at the back), byte for byte. Asks first unless --yes.")
    static final class Requeue extends Action {
        @Override
        String verb() {
            return "Requeue";
        }

        @Override
        String pastTense() {
            return "requeued";
        }

        @Override
        boolean requeues() {
            return true;
        }

        @Override
        DeadLetters.Outcome act(DeadLetters dead, DeadLetterFilter filter, Instant until) {
            return dead.requeue(filter, until);
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true, description = "Delete dead letters for good. Asks first unless --yes.")
    static final class Drop extends Action {
        @Override
        String verb() {
            return "Drop";
        }

        @Override
        String pastTense() {
            return "dropped";
        }

        @Override
        DeadLetters.Outcome act(DeadLetters dead, DeadLetterFilter filter, Instant until) {
            return dead.drop(filter, until, all);
        }
    }
}
