package io.celeriac.core.cli;

import io.celeriac.core.Version;
import io.celeriac.core.cli.admin.DeadCommand;
import io.celeriac.core.cli.admin.InspectCommand;
import io.celeriac.core.cli.admin.PurgeCommand;
import io.celeriac.core.cli.admin.RevokeCommand;
import io.celeriac.core.cli.admin.StatusCommand;
import io.celeriac.core.cli.admin.TaskCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists every subcommand. */
@Command(name = "celeriac", mixinStandardHelpOptions = true, versionProvider = CeleriacCommand.VersionProvider.class,
        description = "Celeriac: a Celery-compatible background task system for the JVM, on Redis.")
public final class CeleriacCommand implements Runnable {
    /** The built-in subcommands, as classes: picocli reads and creates them only when added. */
    static final List<Class<?>> BUILT_IN = List.of(WorkerCommand.class, SendCommand.class, ResultCommand.class,
            StatusCommand.class, InspectCommand.class, TaskCommand.class, PurgeCommand.class, DeadCommand.class,
            RevokeCommand.class, HealthCommand.class, io.celeriac.core.cli.admin.QueueCommand.class, io.celeriac.core.cli.admin.UniqueCommand.class,
            io.celeriac.core.cli.admin.BatchCommand.class, io.celeriac.core.cli.admin.LimitsCommand.class,
            io.celeriac.core.cli.fleet.ControlCommand.class, io.celeriac.core.cli.fleet.EventsCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"celeriac " + Version.VERSION + " (Java " + Runtime.version() + ")"};
        }
    }
}
