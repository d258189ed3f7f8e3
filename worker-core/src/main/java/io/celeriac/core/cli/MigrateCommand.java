package io.celeriac.core.cli;

import io.celeriac.core.app.Application;
import io.celeriac.core.db.Database;
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
        try (Application app = connection.connect(2); Database database = new Database(connection.resolveDatabaseUrl(), "public", 2)) {
            int applied = database.migrate();
            spec.commandLine().getOut().println("applied " + applied + " migration(s) to " + app.databaseUrl().redacted());
            return ExitCodes.OK;
        }
    }
}
