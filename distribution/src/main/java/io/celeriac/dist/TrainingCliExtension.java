package io.celeriac.dist;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds the hidden {@code celeriac train-archive} that the launcher runs to make the class archives. */
public final class TrainingCliExtension implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(ArchiveTraining.class);
    }
}
