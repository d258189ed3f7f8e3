package io.celeriac.beat.cli;

import io.celeriac.beat.redis.BeatStore;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code beat enable} and {@code beat disable} share: an override that survives config syncs. */
abstract class ToggleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    abstract boolean enable();

    @Override
    public Integer call() {
        try (Application app = connection.connect(4)) {
            if (BeatStore.of(app).setEnabled(name, enable(), BeatStore.of(app).now()) == BeatStore.Write.NO_SUCH_ENTRY) {
                spec.commandLine().getErr().println("celeriac: no beat entry '" + name + "'");
                return ExitCodes.FAILURE;
            }
            spec.commandLine().getOut().println((enable() ? "enabled " : "disabled ") + name);
            return ExitCodes.OK;
        }
    }
}
