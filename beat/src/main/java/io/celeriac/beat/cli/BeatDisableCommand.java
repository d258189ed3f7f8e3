package io.celeriac.beat.cli;

import picocli.CommandLine.Command;

/** {@code celeriac beat disable NAME}: stops an entry from firing until it is enabled again. */
@Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an entry (config or dynamic); it survives restarts.")
public final class BeatDisableCommand extends ToggleCommand {
    @Override
    boolean enable() {
        return false;
    }
}
