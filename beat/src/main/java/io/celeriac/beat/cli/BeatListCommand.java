package io.celeriac.beat.cli;

import io.celeriac.beat.redis.BeatStore;
import io.celeriac.beat.redis.StoredEntry;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code celeriac beat list}: every entry in Redis with its next fire times, last run and run count. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Show every entry: next fire times (own zone and UTC), last run, run count.")
public final class BeatListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--next", paramLabel = "N", defaultValue = "3", description = "Fire times shown per entry. Default: ${DEFAULT-VALUE}.")
    int next;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = connection.connect(4)) {
            List<StoredEntry> entries = BeatStore.of(app).readAll().entries();
            if (entries.isEmpty()) {
                out.println("no beat entries (a beat writes the config's entries when it starts; beat add adds more)");
            }
            for (StoredEntry stored : entries) {
                EntryView.print(out, stored, next);
            }
            return ExitCodes.OK;
        }
    }
}
