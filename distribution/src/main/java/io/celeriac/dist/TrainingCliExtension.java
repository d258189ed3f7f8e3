package io.celeriac.dist;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds the hidden {@code celeriac train-admin} that the launcher runs to make the admin commands' class archive. */
public final class TrainingCliExtension implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(AdminTraining.class);
    }
}
