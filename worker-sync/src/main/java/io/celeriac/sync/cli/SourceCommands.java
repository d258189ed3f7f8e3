package io.celeriac.sync.cli;

import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.cli.admin.Confirmation;
import io.celeriac.db.Database;
import io.celeriac.sync.InvalidSourceException;
import io.celeriac.sync.SourceKind;
import io.celeriac.sync.SourceSummary;
import io.celeriac.sync.db.SourceCatalog;
import io.celeriac.sync.db.SourceStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The commands that act on one source by kind and id: reactivate, remove. */
final class SourceCommands {
    private SourceCommands() {
    }

    abstract static class OnSource extends SourcesSubcommand {
        @Parameters(index = "0", paramLabel = "KIND", description = "calendar or notion.")
        String kind;

        @Parameters(index = "1", paramLabel = "ID", description = "The source's id (see list).")
        long id;

        SourceSummary find(SourceCatalog catalog) {
            SourceKind parsed = SourceKind.parse(kind);
            return catalog.find(parsed, id)
                    .orElseThrow(() -> new InvalidSourceException("id", "no " + parsed.label() + " source with id " + id));
        }
    }

    @Command(name = "reactivate", mixinStandardHelpOptions = true,
            description = "Sync a source needing attention again (after the user fixed its URL or access): status active, last error cleared.")
    static final class Reactivate extends OnSource {
        @Override
        int run(SourceCatalog catalog, Database database, PrintWriter out) {
            SourceSummary source = find(catalog);
            if (source.active()) {
                out.println(source.kind().label() + " source " + id + " is already active; nothing changed");
                return ExitCodes.OK;
            }
            new SourceStore(database).reactivate(source.kind(), id);
            out.println("reactivated " + source.kind().label() + " source " + id
                    + (source.lastError() == null ? "" : " (its last error was: " + source.lastError() + ")"));
            out.println("sync it now: celeriac sync run --user " + source.userId() + " --" + source.kind().label());
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a source and everything synced from it (its events or pages). Asks first unless --yes.")
    static final class Remove extends OnSource {
        @Mixin
        Confirmation confirmation;

        @Override
        int run(SourceCatalog catalog, Database database, PrintWriter out) {
            SourceSummary source = find(catalog);
            Integer refused = confirmation.ask(spec.commandLine().getErr(), "Remove " + source.kind().label() + " source "
                    + id + " of user " + source.userId() + " and its " + items(source) + "?");
            if (refused != null) {
                return refused;
            }
            if (!catalog.remove(source.kind(), id)) {
                throw new InvalidSourceException("id", "no " + source.kind().label() + " source with id " + id);
            }
            out.println("removed " + source.kind().label() + " source " + id + " of user " + source.userId() + " and its "
                    + items(source));
            return ExitCodes.OK;
        }

        private static String items(SourceSummary source) {
            return source.items() + (source.kind() == SourceKind.CALENDAR ? " events" : " pages");
        }
    }
}
