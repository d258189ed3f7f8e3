package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.flow.batch.BatchProgress;
import io.celeriac.core.flow.batch.Batches;
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

/** {@code celeriac batch list|show}: batches and their progress (total, pending, succeeded, failed). */
@Command(name = "batch", mixinStandardHelpOptions = true, description = "List batches or show one batch's progress.",
        subcommands = {BatchCommand.ListBatches.class, BatchCommand.ShowBatch.class})
public final class BatchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List batches, newest first (expired ones are gone).")
    static final class ListBatches implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions options;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Show at most N. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 10_000) {
                throw new IllegalArgumentException("--limit must be between 1 and 10000, not " + limit);
            }
            try (Application app = options.connect()) {
                List<BatchProgress> batches = app.client().batches().list(limit);
                PrintWriter out = spec.commandLine().getOut();
                if (options.json()) {
                    ArrayNode items = JsonNodeFactory.instance.arrayNode();
                    batches.forEach(b -> items.add(b.toJson()));
                    ObjectNode doc = JsonNodeFactory.instance.objectNode();
                    doc.set("batches", items);
                    AdminOptions.printJson(out, doc);
                    return ExitCodes.OK;
                }
                Instant now = app.clock().instant();
                Table table = new Table("BATCH ID", "STATE", "TOTAL", "PENDING", "SUCCEEDED", "FAILED", "CREATED", "DESCRIPTION");
                batches.forEach(b -> table.row(b.id(), b.state(), b.total(), b.pending(), b.succeeded(), b.failed(),
                        Show.relative(b.createdAt(), now), b.description()));
                table.print(out);
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one batch's progress.")
    static final class ShowBatch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions options;

        @Parameters(index = "0", paramLabel = "BATCH_ID")
        String id;

        @Override
        public Integer call() {
            Batches.checkId(id);
            try (Application app = options.connect()) {
                Optional<BatchProgress> batch = app.client().batches().progress(id);
                if (batch.isEmpty()) {
                    spec.commandLine().getErr().println("celeriac: no batch " + id + " (never opened, or expired)");
                    return ExitCodes.FAILURE;
                }
                ObjectNode json = batch.get().toJson();
                PrintWriter out = spec.commandLine().getOut();
                if (options.json()) {
                    AdminOptions.printJson(out, json);
                    return ExitCodes.OK;
                }
                json.fields().forEachRemaining(f -> {
                    if (!f.getValue().isNull()) {
                        out.printf("%-13s %s%n", f.getKey() + ":", f.getValue().asText());
                    }
                });
                out.flush();
                return ExitCodes.OK;
            }
        }
    }
}
