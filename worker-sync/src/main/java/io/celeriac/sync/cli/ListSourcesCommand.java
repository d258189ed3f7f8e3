package io.celeriac.sync.cli;

import io.celeriac.core.cli.ExitCodes;
import io.celeriac.db.Database;
import io.celeriac.sync.db.SourceCatalog;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sync sources list}: every source with its state and what it holds; tokens only masked. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List sync sources by user: kind, id, name, status, stored events/pages, last sync, feed URL or masked token, last error.")
final class ListSourcesCommand extends SourcesSubcommand {
    @Option(names = "--user", paramLabel = "ID", description = "Only this user's sources.")
    Long user;

    @Option(names = "--json", description = "Print one JSON array instead of a table (for scripts).")
    boolean json;

    @Override
    int run(SourceCatalog catalog, Database database, PrintWriter out) {
        var sources = catalog.list(user);
        if (json) {
            SourceView.json(out, sources);
        } else {
            SourceView.table(out, sources);
        }
        return ExitCodes.OK;
    }
}
