package io.celeriac.db.cli;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.db.DatabaseUrl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code celeriac migrate}: applies every module's database migrations (processes also do it on first use). */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply the database migrations of every module.")
public final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        // connecting checks the config and every setting first: a bad one exits 2 with one line
        try (Application app = connection.connect(2)) {
            DatabaseUrl url = DatabaseSettings.url(app.settings());
            try (Database database = new Database(url, "public", 2)) {
                int applied = database.migrate();
                spec.commandLine().getOut().println("applied " + applied + " migration(s) to " + url.redacted());
                return ExitCodes.OK;
            }
        }
    }
}
