package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUniqueLocks;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.flow.UniqueKeys;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac unique list|clear}: the unique-task locks held now (key, holder task, end), and
 * clearing one so the next send of that key is no duplicate. Clearing does not touch the task
 * that held it: a message already queued still runs.
 */
@Command(name = "unique", mixinStandardHelpOptions = true, description = "List or clear unique-task locks.",
        subcommands = {UniqueCommand.ListLocks.class, UniqueCommand.Clear.class})
public final class UniqueCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Locks held now, with their holder and end.")
    static final class ListLocks implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions options;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Show at most N. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
            }
            try (Application app = options.connect()) {
                Instant now = app.clock().instant();
                List<RedisUniqueLocks.Held> held = app.redisBroker().uniqueLocks().list(limit).stream()
                        .filter(h -> h.until().isAfter(now)).toList();
                PrintWriter out = spec.commandLine().getOut();
                if (options.json()) {
                    ArrayNode items = JsonNodeFactory.instance.arrayNode();
                    held.forEach(h -> items.addObject().put("key", h.key()).put("task_id", h.taskId()).put("until", h.until().toString()));
                    ObjectNode doc = JsonNodeFactory.instance.objectNode();
                    doc.set("locks", items);
                    AdminOptions.printJson(out, doc);
                    return ExitCodes.OK;
                }
                Table table = new Table("KEY", "TASK ID", "UNTIL");
                held.forEach(h -> table.row(h.key(), h.taskId(), Show.time(h.until())));
                table.print(out);
                out.println(held.size() + " lock(s)");
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove locks: the next send of these keys is no duplicate.")
    static final class Clear implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions options;

        @Parameters(paramLabel = "KEY", arity = "1..*", description = "Keys as 'unique list' shows them (e.g. key:user-42, task:<name>:<hash>).")
        List<String> keys;

        @Override
        public Integer call() {
            keys.forEach(UniqueKeys::checkKey);
            try (Application app = options.connect()) {
                long cleared = app.redisBroker().uniqueLocks().clear(keys);
                PrintWriter out = spec.commandLine().getOut();
                if (options.json()) {
                    AdminOptions.printJson(out, JsonNodeFactory.instance.objectNode().put("cleared", cleared));
                } else {
                    out.println("cleared " + cleared + " lock(s)");
                    out.flush();
                }
                return ExitCodes.OK;
            }
        }
    }
}
