/**
 * The {@code celeriac} command line (picocli). Modules add subcommands through
 * {@link io.celeriac.core.cli.CliExtension}. Exit codes: 0 success, 1 runtime failure, 2 usage or
 * configuration error.
 */
package io.celeriac.core.cli;
