package io.celeriac.beat.cli;

import io.celeriac.beat.redis.BeatStore;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code celeriac beat remove NAME}: deletes a dynamic entry and its state. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove an entry added with beat add (config entries: edit celeriac.yaml or use beat disable).")
public final class BeatRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        try (Application app = connection.connect(4)) {
            return switch (BeatStore.of(app).remove(name, BeatStore.Source.DYNAMIC)) {
                case WRITTEN -> {
                    spec.commandLine().getOut().println("removed " + name);
                    yield ExitCodes.OK;
                }
                case REFUSED_CONFIG_ENTRY -> {
                    spec.commandLine().getErr().println("celeriac: beat entry '" + name
                            + "' is defined in the config file; remove it there, or use beat disable");
                    yield ExitCodes.USAGE;
                }
                default -> {
                    spec.commandLine().getErr().println("celeriac: no beat entry '" + name + "'");
                    yield ExitCodes.FAILURE;
                }
            };
        }
    }
}
