package io.celeriac.core.cli;

import java.util.List;

/**
 * Subcommands a module adds to {@code celeriac}, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.celeriac.core.cli.CliExtension}). Each object is a picocli
 * {@code @Command}.
 */
public interface CliExtension {
    List<Object> commands();
}
