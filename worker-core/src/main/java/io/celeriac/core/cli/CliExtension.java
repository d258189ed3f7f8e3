package io.celeriac.core.cli;

import java.util.List;

/**
 * Subcommands a module adds to {@code celeriac}, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.celeriac.core.cli.CliExtension}). Each is a picocli
 * {@code @Command} class (or instance): as a class, it is loaded and created only when its command
 * runs or help lists it, so a module's commands cost other commands nothing.
 */
public interface CliExtension {
    List<Object> commands();
}
