package io.celeriac.beat.cli;

import picocli.CommandLine.Command;

/** {@code celeriac beat enable NAME}: enables an entry; it restarts from now, without a misfire for the disabled time. */
@Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable an entry (config or dynamic); it survives restarts.")
public final class BeatEnableCommand extends ToggleCommand {
    @Override
    boolean enable() {
        return true;
    }
}
